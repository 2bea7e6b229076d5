package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the statuses CertCentral writes in the order's duplicate list and in a request read. */
class DuplicateListingTest {

    @ParameterizedTest
    @CsvSource({
        "issued, true, false",
        "ISSUED, true, false",
        "approved, true, false",
        "Approved, true, false",
        "pending, false, false",
        "rejected, false, true",
        "REJECTED, false, true",
        "'', false, false"
    })
    void listedStatuses(String status, boolean issued, boolean rejected) {
        DuplicateListing.Item item = new DuplicateListing.Item(1, "0A", "example.com", null, status, null, null, null);
        assertEquals(issued, item.issued(), status);
        assertEquals(rejected, item.rejected(), status);
    }

    @ParameterizedTest
    @CsvSource({"approved, true, false", "APPROVED, true, false", "rejected, false, true", "pending, false, false"})
    void requestStatuses(String status, boolean approved, boolean rejected) {
        RequestDetails request = new RequestDetails(5, "duplicate", status);
        assertEquals(approved, request.approved(), status);
        assertEquals(rejected, request.rejected(), status);
    }

    @org.junit.jupiter.api.Test
    void missingListsReadAsEmpty() {
        assertEquals(List.of(), new DuplicateListing(null).certificates());
        DuplicateResponse pending = new DuplicateResponse(7, null, null, null);
        assertEquals(List.of(), pending.requests());
        assertFalse(pending.issued());
        assertTrue(pending.firstRequestId().isEmpty());
        DuplicateResponse sent =
                new DuplicateResponse(7, List.of(new DuplicateResponse.RequestRef(500, "pending")), null, null);
        assertEquals(500L, sent.firstRequestId().orElseThrow());
    }
}
