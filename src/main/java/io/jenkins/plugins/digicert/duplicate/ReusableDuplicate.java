package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a duplicate the order already has can serve this build instead of a new one ({@code reuseDaysLeft}): it
 * must be issued, made with a CSR of this build's public key (the CSR itself may be another), for exactly the names
 * this build would request, and valid at least that many more days. Of several, the one valid longest, then the
 * newest. A pending or rejected duplicate is never reused: it has no certificate to give.
 */
final class ReusableDuplicate {

    /** The duplicate to reuse, if any, and what the console says about the choice. */
    record Choice(Optional<DuplicateListing.Item> item, List<String> lines) {}

    private ReusableDuplicate() {}

    static Choice choose(
            long orderId,
            DuplicateListing listing,
            CertificateRequest csr,
            String commonName,
            List<String> dnsNames,
            int daysLeft,
            LocalDate today) {
        List<String> lines = new ArrayList<>();
        List<DuplicateListing.Item> sameKey = sameKey(listing, csr);
        List<DuplicateListing.Item> issued =
                sameKey.stream().filter(DuplicateListing.Item::issued).toList();
        Set<String> wanted = names(commonName, dnsNames);
        List<DuplicateListing.Item> otherNames = issued.stream()
                .filter(item -> !names(item.commonName(), item.dnsNames()).equals(wanted))
                .toList();
        if (!otherNames.isEmpty()) {
            DuplicateListing.Item first = otherNames.get(0);
            lines.add("Duplicate " + first.id() + " of order " + orderId + " has this CSR's key but secures "
                    + names(first.commonName(), first.dnsNames()) + ", not the requested " + wanted
                    + (otherNames.size() > 1 ? " (and " + (otherNames.size() - 1) + " more with other names)" : "")
                    + ": not reused");
        }
        List<DuplicateListing.Item> sameNames =
                issued.stream().filter(item -> !otherNames.contains(item)).toList();
        Optional<DuplicateListing.Item> chosen = sameNames.stream()
                .filter(item -> daysLeft(item, today) >= daysLeft)
                .max(LONGEST_VALID_THEN_NEWEST);
        if (chosen.isPresent()) {
            DuplicateListing.Item item = chosen.get();
            lines.add("Reusing duplicate " + item.id() + " of order " + orderId + ", made "
                    + (item.dateCreated() == null ? "(date unknown)" : item.dateCreated()) + " with this CSR's key, "
                    + "valid until " + item.validUntil().orElseThrow() + " (" + daysLeft(item, today)
                    + " days left; reuseDaysLeft asks for " + daysLeft + "): no new request is sent");
            return new Choice(chosen, lines);
        }
        lines.add(whyNot(orderId, sameKey, issued, sameNames, daysLeft, today) + ": requesting a new one");
        return new Choice(Optional.empty(), lines);
    }

    private static String whyNot(
            long orderId,
            List<DuplicateListing.Item> sameKey,
            List<DuplicateListing.Item> issued,
            List<DuplicateListing.Item> sameNames,
            int daysLeft,
            LocalDate today) {
        String mine = "order " + orderId + " with this CSR's key";
        if (sameKey.isEmpty()) {
            return "Nothing to reuse: no duplicate of " + mine;
        }
        if (issued.isEmpty()) {
            return "Nothing to reuse: the duplicates of " + mine + " are not issued (pending or rejected)";
        }
        if (sameNames.isEmpty()) {
            return "Nothing to reuse: the issued duplicates of " + mine + " secure other names";
        }
        DuplicateListing.Item best =
                sameNames.stream().max(LONGEST_VALID_THEN_NEWEST).orElseThrow();
        return "Nothing to reuse: the duplicates of " + mine + " end too soon (the longest valid, " + best.id()
                + ", "
                + best.validUntil()
                        .map(day -> "is valid until " + day + ", " + daysLeft(best, today) + " days from now")
                        .orElse("has no end date in the list")
                + "; reuseDaysLeft asks for " + daysLeft + ")";
    }

    /** Entries whose CSR carries this public key, each once (the list repeats entries). */
    private static List<DuplicateListing.Item> sameKey(DuplicateListing listing, CertificateRequest csr) {
        Map<Long, DuplicateListing.Item> byId = new LinkedHashMap<>();
        for (DuplicateListing.Item item : listing.certificates()) {
            if (item.csr() != null && !byId.containsKey(item.id()) && hasKey(item.csr(), csr)) {
                byId.put(item.id(), item);
            }
        }
        return List.copyOf(byId.values());
    }

    private static boolean hasKey(String listedCsr, CertificateRequest csr) {
        try {
            CertificateRequest listed = CsrParser.parse(listedCsr.getBytes(StandardCharsets.US_ASCII));
            return csr.hasPublicKey(listed.publicKeyInfo());
        } catch (DigicertException | RuntimeException e) {
            return false; // a CSR that cannot be read is no proof of the key
        }
    }

    private static Set<String> names(String commonName, List<String> dnsNames) {
        Set<String> names = new LinkedHashSet<>();
        if (commonName != null && !commonName.isBlank()) {
            names.add(commonName.strip().toLowerCase(Locale.ROOT));
        }
        dnsNames.forEach(name -> names.add(name.strip().toLowerCase(Locale.ROOT)));
        return new java.util.TreeSet<>(names);
    }

    /** Whole days from today to the last valid day; an entry without one has none left. */
    private static long daysLeft(DuplicateListing.Item item, LocalDate today) {
        return item.validUntil().map(day -> ChronoUnit.DAYS.between(today, day)).orElse(Long.MIN_VALUE);
    }

    private static final Comparator<DuplicateListing.Item> LONGEST_VALID_THEN_NEWEST = Comparator.comparing(
                    (DuplicateListing.Item item) -> item.validUntil().orElse(LocalDate.MIN))
            .thenComparing(item -> item.created().orElse(java.time.Instant.MIN))
            .thenComparingLong(DuplicateListing.Item::id);
}
