package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a build knows about one duplicate it requested, kept with the build so that waiting survives a restart and a
 * retried step adopts its own request instead of sending another. It holds nothing secret: the CSR and the
 * certificates are public.
 *
 * <p>A plain serializable class rather than a record: Pipeline keeps it in the build's program state, whose
 * marshalling predates records.
 */
public final class DuplicateRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the request stands. */
    public enum Status {
        /** About to be sent, or sent without an answer recorded: the order's list tells which. */
        SUBMITTING,
        PENDING,
        ISSUED,
        REJECTED,
        TIMED_OUT
    }

    private final String id = UUID.randomUUID().toString();
    private final long orderId;
    private final String csrPem;
    private final String publicKeySha256;
    private final String commonName;
    private final ArrayList<String> dnsNames;
    private final String orderValidTill;
    private final ArrayList<String> warnings;
    private Status status = Status.SUBMITTING;
    private ArrayList<Long> requestIds = new ArrayList<>();
    private Long certificateId;
    private ArrayList<String> chainPems = new ArrayList<>();
    private long waitStartedMillis;
    private long deadlineMillis;
    private long nextCheckMillis;
    private long intervalMillis;
    private long longestIntervalMillis;

    DuplicateRecord(
            long orderId,
            String csrPem,
            String publicKeySha256,
            String commonName,
            List<String> dnsNames,
            @CheckForNull String orderValidTill,
            List<String> warnings) {
        this.orderId = orderId;
        this.csrPem = csrPem;
        this.publicKeySha256 = publicKeySha256;
        this.commonName = commonName;
        this.dnsNames = new ArrayList<>(dnsNames);
        this.orderValidTill = orderValidTill;
        this.warnings = new ArrayList<>(warnings);
    }

    /** Whether this record is for the same order and the same key pair (a CSR's public key). */
    public boolean isFor(long order, String keySha256) {
        return orderId == order && publicKeySha256.equals(keySha256);
    }

    public long orderId() {
        return orderId;
    }

    /** The CSR sent, by which the order's duplicate list shows this request after a restart. */
    public String csrPem() {
        return csrPem;
    }

    /** SHA-256 of the CSR's SubjectPublicKeyInfo, in lower-case hex. */
    public String publicKeySha256() {
        return publicKeySha256;
    }

    public String commonName() {
        return commonName;
    }

    public List<String> dnsNames() {
        return List.copyOf(dnsNames);
    }

    @CheckForNull
    String orderValidTill() {
        return orderValidTill;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Status status() {
        return status;
    }

    public List<Long> requestIds() {
        return List.copyOf(requestIds);
    }

    /** The first request id, for messages; {@code (unknown)} when an unclear answer lost it. */
    public String requestLabel() {
        return requestIds.isEmpty() ? "(unknown)" : String.valueOf(requestIds.get(0));
    }

    @CheckForNull
    public Long certificateId() {
        return certificateId;
    }

    List<String> chainPems() {
        return List.copyOf(chainPems);
    }

    public Instant deadline() {
        return Instant.ofEpochMilli(deadlineMillis);
    }

    Instant waitStarted() {
        return Instant.ofEpochMilli(waitStartedMillis);
    }

    /** How long this wait lasts in all. */
    Duration timeout() {
        return Duration.ofMillis(deadlineMillis - waitStartedMillis);
    }

    public Instant nextCheck() {
        return Instant.ofEpochMilli(nextCheckMillis);
    }

    Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }

    Duration longestInterval() {
        return Duration.ofMillis(longestIntervalMillis);
    }

    void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            requestIds = new ArrayList<>(ids);
        }
    }

    void pending() {
        status = Status.PENDING;
    }

    void issued(long certificate, List<String> chain) {
        status = Status.ISSUED;
        certificateId = certificate;
        chainPems = new ArrayList<>(chain);
    }

    void rejected() {
        status = Status.REJECTED;
    }

    void timedOut() {
        status = Status.TIMED_OUT;
    }

    /** Starts (or starts again) the wait: checks from now, growing from the first interval, until the deadline. */
    void waitFrom(Instant now, WaitPolicy policy) {
        waitStartedMillis = now.toEpochMilli();
        deadlineMillis = now.plus(policy.timeout()).toEpochMilli();
        intervalMillis = policy.firstInterval().toMillis();
        longestIntervalMillis = policy.maxInterval().toMillis();
        nextCheckMillis = Math.min(deadlineMillis, now.toEpochMilli() + intervalMillis);
    }

    /** After a check that found it still pending: the next one comes half an interval later than the last. */
    void checkedAt(Instant now) {
        intervalMillis = Math.min(longestIntervalMillis, intervalMillis + intervalMillis / 2);
        nextCheckMillis = Math.min(deadlineMillis, now.toEpochMilli() + intervalMillis);
    }

    boolean pastDeadline(Instant now) {
        return now.toEpochMilli() >= deadlineMillis;
    }

    /** Two copies of one record (the step's and the build's, after a restart) are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DuplicateRecord record && record.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "DuplicateRecord[order " + orderId + ", request " + requestLabel() + ", " + status + "]";
    }
}
