package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dates CertCentral writes, and the request's and entries' dates read from them. */
class CertCentralDatesTest {

    @ParameterizedTest
    @CsvSource({
        "2026-12-07T05:42:25+00:00, 2026-12-07T05:42:25Z",
        "2026-12-07T06:42:25+01:00, 2026-12-07T05:42:25Z",
        "2026-12-07T05:42:25Z, 2026-12-07T05:42:25Z",
        "2026-12-07T05:42:25, 2026-12-07T05:42:25Z",
        "2026-12-07 05:42:25, 2026-12-07T05:42:25Z",
        "' 2026-12-07T05:42:25.5+00:00 ', 2026-12-07T05:42:25.5Z",
        "2026-12-07, 2026-12-07T00:00:00Z"
    })
    void readsTheFormsCertCentralWrites(String text, String instant) {
        assertEquals(Optional.of(Instant.parse(instant)), CertCentralDates.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "soon", "2026-13-07", "07.12.2026", "1733550145"})
    void anythingElseIsNoDate(String text) {
        assertEquals(Optional.empty(), CertCentralDates.parse(text));
    }

    @Test
    void nullIsNoDate() {
        assertEquals(Optional.empty(), CertCentralDates.parse(null));
        assertEquals(Optional.empty(), CertCentralDates.parseHttpDate(null));
    }

    @Test
    void httpDateHeader() {
        assertEquals(
                Optional.of(Instant.parse("2026-12-07T05:42:25Z")),
                CertCentralDates.parseHttpDate("Mon, 7 Dec 2026 05:42:25 GMT"));
        assertEquals(Optional.empty(), CertCentralDates.parseHttpDate("yesterday"));
        assertEquals(Optional.empty(), CertCentralDates.parseHttpDate(" "));
    }

    @Test
    void requestAndEntryDates() {
        assertEquals(
                Optional.of(Instant.parse("2026-12-07T05:42:25Z")),
                new RequestDetails(5, "duplicate", "pending", "2026-12-07T05:42:25+00:00").created());
        assertEquals(Optional.empty(), new RequestDetails(5, "duplicate", "pending").created());
        assertEquals(
                Optional.of(Instant.parse("2026-12-07T05:42:25Z")),
                new DuplicateListing.Item(1, null, null, null, "issued", "2026-12-07T05:42:25+00:00", null, null)
                        .created());
    }

    @ParameterizedTest
    @CsvSource({"duplicate, false", "DUPLICATE, false", "' duplicate ', false", "reissue, true", "new_request, true"})
    void requestType(String type, boolean other) {
        assertEquals(other, new RequestDetails(5, type, "pending").otherThanDuplicate());
    }

    @Test
    void noTypeIsNotAnotherType() {
        assertFalse(new RequestDetails(5, null, "pending").otherThanDuplicate());
        assertFalse(new RequestDetails(5, "", "pending").otherThanDuplicate());
        assertTrue(new RequestDetails(5, "revoke", "pending").otherThanDuplicate());
    }
}
