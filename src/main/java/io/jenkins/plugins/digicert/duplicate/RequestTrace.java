package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What tells one request's entry in the order's duplicate list from entries made earlier with the same CSR. The
 * list does not say which request an entry belongs to, and a team that keeps its key sends the same CSR build after
 * build; the list may also show a new entry seconds late (served from a replica or a cache). So "the newest entry
 * with this CSR" can be an earlier build's while this request's entry is not listed yet.
 *
 * <p>Why an earlier entry is never taken:
 *
 * <ul>
 *   <li>Before the request is sent, the order's list is read, and every entry with this CSR in it is remembered:
 *       it existed before the request, so it is never this request's.
 *   <li>An earlier entry that list did not show yet (the lag) was made before the list was served. The list's HTTP
 *       {@code Date} and the entries' {@code date_created} are both CertCentral's clock, so this machine's clock,
 *       however wrong, plays no part: an entry made more than {@link #SAME_CLOCK_ALLOWANCE} before the list was
 *       served is not this request's. (The allowance is for DigiCert's servers among themselves; this request is
 *       sent only after the list arrived, so its entry is newer than the list.)
 *   <li>Collecting a request an earlier build sent ({@code requestId}), no list from before it exists: the request's
 *       own {@code date} (CertCentral's clock again) takes the list's place.
 *   <li>Once an entry is taken as this request's, its id is kept and only that entry is looked at.
 * </ul>
 *
 * <p>Among entries that pass, the first made is this request's. Two builds that send the same CSR for the same order
 * within the allowance of each other cannot be told apart by the list: give concurrent builds their own keys.
 *
 * <p>A record saved before traces existed reads back with none: every entry with its CSR passes, as before.
 */
public final class RequestTrace implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How far apart CertCentral's own clocks, on the servers that list and that create entries, may be. */
    static final Duration SAME_CLOCK_ALLOWANCE = Duration.ofSeconds(2);

    /** Entries with this CSR that the list showed before the request was sent; null when no list was read. */
    @CheckForNull
    private final ArrayList<Long> listedBefore;
    /** CertCentral's time before which no entry is this request's (less the allowance); null when unknown. */
    @CheckForNull
    private final Long notBeforeMillis;
    /** This machine's time when the request last went out; the search after a lost answer counts from it. */
    @CheckForNull
    private Long sentAtMillis;
    /** The entry taken as this request's, once one was. */
    @CheckForNull
    private Long entryId;

    private RequestTrace(@CheckForNull List<Long> listedBefore, @CheckForNull Instant notBefore) {
        this.listedBefore = listedBefore == null ? null : new ArrayList<>(listedBefore);
        this.notBeforeMillis = notBefore == null
                ? null
                : notBefore
                        .truncatedTo(ChronoUnit.SECONDS)
                        .minus(SAME_CLOCK_ALLOWANCE)
                        .toEpochMilli();
    }

    /** Nothing known: every entry with the CSR may be the request's (records saved before traces existed). */
    static RequestTrace unknown() {
        return new RequestTrace(null, null);
    }

    /** For a request about to be sent: the order's list as it was before, and this CSR's entries in it. */
    static RequestTrace before(DuplicateListing listing, List<DuplicateListing.Item> sameCsr) {
        return new RequestTrace(sameCsr.stream().map(DuplicateListing.Item::id).toList(), listing.servedAt());
    }

    /** For a request sent earlier, made at {@code created} by CertCentral's clock (empty when it does not say). */
    static RequestTrace madeAt(Optional<Instant> created) {
        return new RequestTrace(null, created.orElse(null));
    }

    /** Whether this entry (one with the request's CSR) may be the request's. */
    boolean admits(DuplicateListing.Item item) {
        if (entryId != null) {
            return item.id() == entryId;
        }
        if (listedBefore != null && listedBefore.contains(item.id())) {
            return false;
        }
        if (notBeforeMillis == null) {
            return true;
        }
        long notBefore = notBeforeMillis;
        // An entry without a readable date cannot be placed in time; the list taken before still rules it out.
        return item.created().map(at -> at.toEpochMilli() >= notBefore).orElse(true);
    }

    /** Whether anything tells an earlier entry with the same CSR from this request's. */
    boolean knowsEarlierEntries() {
        return listedBefore != null || notBeforeMillis != null || entryId != null;
    }

    void sent(Instant at) {
        sentAtMillis = at.toEpochMilli();
    }

    /** CertCentral refused the request clearly: it made nothing, so a step run again need not look long before sending. */
    void refused() {
        sentAtMillis = null;
    }

    /** When the request last went out, by this machine's clock; empty for a request this build did not send. */
    Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAtMillis).map(Instant::ofEpochMilli);
    }

    void pin(long id) {
        entryId = id;
    }

    Optional<Long> entryId() {
        return Optional.ofNullable(entryId);
    }
}
