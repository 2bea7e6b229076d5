package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this build's duplicate in an order's duplicate list: the entry whose CSR is this build's CSR. The list
 * has been seen to repeat entries (and the primary certificate), so entries are de-duplicated by serial; if
 * the same CSR was used for several duplicates, the newest wins.
 */
final class CsrMatcher {

    private CsrMatcher() {}

    static Optional<DuplicateListing.Item> find(DuplicateListing listing, CertificateRequest csr) {
        return mine(listing, csr).stream().min(NEWEST_FIRST);
    }

    static List<DuplicateListing.Item> mine(DuplicateListing listing, CertificateRequest csr) {
        Map<String, DuplicateListing.Item> bySerial = new LinkedHashMap<>();
        byte[] der = csr.der();
        for (DuplicateListing.Item item : listing.certificates()) {
            if (item.csr() != null && Arrays.equals(der, decode(item.csr()))) {
                String serial =
                        item.serialNumber() == null || item.serialNumber().isBlank()
                                ? "id:" + item.id()
                                : item.serialNumber();
                bySerial.merge(serial, item, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        return List.copyOf(bySerial.values());
    }

    private static final Comparator<DuplicateListing.Item> NEWEST_FIRST = Comparator.comparing(
                    (DuplicateListing.Item item) -> item.dateCreated() == null ? "" : item.dateCreated())
            .thenComparingLong(DuplicateListing.Item::id)
            .reversed();

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
