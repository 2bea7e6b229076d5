package io.jenkins.plugins.digicert.certcentral;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The dates CertCentral writes: ISO 8601 with an offset ({@code 2026-12-07T05:42:25+00:00}), without one (taken as
 * UTC, as DigiCert documents its times), with a space instead of the {@code T}, or a bare day; and the HTTP
 * {@code Date} header. Anything else is no date: a caller that needs one decides what that means.
 */
public final class CertCentralDates {

    private CertCentralDates() {}

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            // no offset, or not a date-time at all
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not a local date-time either
        }
        try {
            return Optional.of(
                    LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An HTTP {@code Date} header (RFC 1123), as every answer of a server with a clock carries. */
    static Optional<Instant> parseHttpDate(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
