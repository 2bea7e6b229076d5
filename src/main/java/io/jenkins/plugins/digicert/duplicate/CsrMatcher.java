package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a request's duplicate in an order's duplicate list: among the entries whose CSR is the request's CSR, those
 * its {@link RequestTrace} admits, and of these the first made. The list has been seen to repeat entries (and the
 * primary certificate), so entries are de-duplicated by serial.
 */
final class CsrMatcher {

    private CsrMatcher() {}

    static Optional<DuplicateListing.Item> find(DuplicateListing listing, CertificateRequest csr, RequestTrace trace) {
        return mine(listing, csr).stream().filter(trace::admits).min(FIRST_MADE);
    }

    /** Every entry with this CSR, each once. */
    static List<DuplicateListing.Item> mine(DuplicateListing listing, CertificateRequest csr) {
        Map<String, DuplicateListing.Item> bySerial = new LinkedHashMap<>();
        byte[] der = csr.der();
        for (DuplicateListing.Item item : listing.certificates()) {
            if (item.csr() != null && Arrays.equals(der, decode(item.csr()))) {
                String serial =
                        item.serialNumber() == null || item.serialNumber().isBlank()
                                ? "id:" + item.id()
                                : item.serialNumber();
                bySerial.merge(serial, item, (a, b) -> FIRST_MADE.compare(a, b) <= 0 ? a : b);
            }
        }
        return List.copyOf(bySerial.values());
    }

    /** By CertCentral's date (an entry without a readable one last), then by id, which CertCentral hands out rising. */
    private static final Comparator<DuplicateListing.Item> FIRST_MADE = Comparator.comparing(
                    (DuplicateListing.Item item) -> item.created().orElse(Instant.MAX))
            .thenComparingLong(DuplicateListing.Item::id);

    private static byte[] decode(String pem) {
        StringBuilder base64 = new StringBuilder();
        for (String line : pem.replace("\\/", "/").split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("-----")) {
                base64.append(trimmed);
            }
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
