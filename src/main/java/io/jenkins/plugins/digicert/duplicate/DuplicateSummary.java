package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One requested duplicate as people and later build steps see it: on the build page, in the build's remote API and
 * as environment variables of a freestyle build. Made from the build's {@link DuplicateRecord}, so there is one
 * model of a duplicate, not two.
 *
 * @param status {@code issued}, {@code pending}, {@code rejected}, {@code timed out} or {@code sending}
 * @param daysLeft whole days until the certificate expires, or null until it is issued
 * @param files the workspace paths of the files written
 * @param artifacts the files archived as build artifacts
 * @param reused whether the certificate is an earlier duplicate of the same key (no request was sent: the request
 *     id is empty)
 */
public record DuplicateSummary(
        long orderId,
        String requestId,
        String status,
        @CheckForNull Long certificateId,
        String commonName,
        List<String> otherNames,
        @CheckForNull String serialNumber,
        @CheckForNull String sha256Fingerprint,
        @CheckForNull String issuer,
        @CheckForNull String notBefore,
        @CheckForNull String notAfter,
        @CheckForNull Long daysLeft,
        List<String> files,
        List<String> artifacts,
        boolean reused) {

    /** Duplicates share their order's expiry, so even a fresh one can be this close to it. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    public DuplicateSummary {
        otherNames = List.copyOf(otherNames);
        files = List.copyOf(files);
        artifacts = List.copyOf(artifacts);
    }

    public static DuplicateSummary of(DuplicateRecord record, Instant now) {
        String commonName = record.shownCommonName() == null ? "" : record.shownCommonName();
        List<String> others = new ArrayList<>(record.shownDnsNames());
        others.remove(commonName);
        Instant notAfter = record.notAfter();
        Instant notBefore = record.notBefore();
        return new DuplicateSummary(
                record.orderId(),
                record.reused() ? "" : record.requestLabel(),
                status(record.status()),
                record.certificateId(),
                commonName,
                others,
                record.serialNumber(),
                record.sha256Fingerprint(),
                record.issuer(),
                notBefore == null ? null : notBefore.toString(),
                notAfter == null ? null : notAfter.toString(),
                notAfter == null ? null : daysLeft(notAfter, now),
                record.files(),
                record.archivedFiles(),
                record.reused());
    }

    /** When the certificate's validity starts, once it is issued. */
    public Optional<Instant> validFrom() {
        return Optional.ofNullable(notBefore).map(Instant::parse);
    }

    /** When the certificate expires, once it is issued. */
    public Optional<Instant> validUntil() {
        return Optional.ofNullable(notAfter).map(Instant::parse);
    }

    /** Whether the certificate expires within {@link #EXPIRY_WARNING_DAYS} days (or has expired). */
    public boolean expiresSoon() {
        return daysLeft != null && daysLeft < EXPIRY_WARNING_DAYS;
    }

    public Optional<String> expiryWarning() {
        Long days = daysLeft;
        return days != null && days < EXPIRY_WARNING_DAYS && notAfter != null
                ? Optional.of(expiryWarning(Instant.parse(notAfter), days))
                : Optional.empty();
    }

    /**
     * The variables later build steps read (freestyle; in Pipeline, {@code env}): the order, the request, the
     * certificate, and the workspace paths of its files (only those that were written).
     */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DIGICERT_ORDER_ID", String.valueOf(orderId));
        variables.put("DIGICERT_REQUEST_ID", requestId);
        variables.put("DIGICERT_STATUS", status);
        put(variables, "DIGICERT_CERTIFICATE_ID", certificateId == null ? null : String.valueOf(certificateId));
        put(variables, "DIGICERT_SERIAL", serialNumber);
        put(variables, "DIGICERT_NOT_AFTER", notAfter);
        put(variables, "DIGICERT_CERTIFICATE", file(OutputFiles.CERTIFICATE));
        put(variables, "DIGICERT_CHAIN", file(OutputFiles.CHAIN));
        put(variables, "DIGICERT_FULLCHAIN", file(OutputFiles.FULLCHAIN));
        return variables;
    }

    /** The warning printed when a certificate is issued this close to its expiry. */
    static Optional<String> expiryWarning(Instant notAfter, Instant now) {
        long days = daysLeft(notAfter, now);
        return days < EXPIRY_WARNING_DAYS ? Optional.of(expiryWarning(notAfter, days)) : Optional.empty();
    }

    private static String expiryWarning(Instant notAfter, long days) {
        String date = notAfter.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String when = days < 0 ? "expired on " + date : "expires on " + date + ", in " + days + " days";
        return "The certificate " + when + ": a duplicate ends when its order does. Renew the order in CertCentral "
                + "for a certificate that lasts longer.";
    }

    private static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(
                Duration.between(now, notAfter).toSeconds(), Duration.ofDays(1).toSeconds());
    }

    private static String status(DuplicateRecord.Status status) {
        return switch (status) {
            case SUBMITTING -> "sending";
            case TIMED_OUT -> "timed out";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    @CheckForNull
    private String file(String name) {
        return files.stream()
                .filter(path -> path.equals(name) || path.endsWith("/" + name))
                .findFirst()
                .orElse(null);
    }

    private static void put(Map<String, String> variables, String name, @CheckForNull String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }
}
