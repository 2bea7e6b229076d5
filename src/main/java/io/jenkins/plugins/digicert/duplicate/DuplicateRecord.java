package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    private final String spkiSha256;
    private final String commonName;
    private final ArrayList<String> dnsNames;
    private final String orderValidTill;
    private final ArrayList<String> warnings;
    private Status status = Status.SUBMITTING;
    private ArrayList<Long> requestIds = new ArrayList<>();
    private Long certificateId;
    private ArrayList<String> chainPems = new ArrayList<>();
    private String serialNumber;
    private String sha256Fingerprint;
    private String issuer;
    private Long notBeforeMillis;
    private Long notAfterMillis;
    private String issuedCommonName;
    private ArrayList<String> issuedDnsNames = new ArrayList<>();
    private ArrayList<String> files = new ArrayList<>();
    private ArrayList<String> archived = new ArrayList<>();
    private long waitStartedMillis;
    private long deadlineMillis;
    private long nextCheckMillis;
    private long intervalMillis;
    private long longestIntervalMillis;
    /**
     * Where this request's private key goes in the workspace once its certificate is written (null: none is known),
     * and whether the step made that key (then it must be there); the key itself never leaves the agent.
     */
    private String keyFile;

    private boolean keyMadeByStep;
    /** Whether the certificate is an earlier duplicate of the same key, taken instead of a new request. */
    private boolean reused;
    /** Tells this request's entry in the order's list from earlier ones with the same CSR. */
    private RequestTrace trace = RequestTrace.unknown();

    DuplicateRecord(
            long orderId,
            String csrPem,
            String spkiSha256,
            String commonName,
            List<String> dnsNames,
            @CheckForNull String orderValidTill,
            List<String> warnings) {
        this.orderId = orderId;
        this.csrPem = csrPem;
        this.spkiSha256 = spkiSha256;
        this.commonName = commonName;
        this.dnsNames = new ArrayList<>(dnsNames);
        this.orderValidTill = orderValidTill;
        this.warnings = new ArrayList<>(warnings);
    }

    /** Whether this record is for the same order and the same key pair (a CSR's public key). */
    public boolean isFor(long order, String otherSpkiSha256) {
        return orderId == order && spkiSha256.equals(otherSpkiSha256);
    }

    public long orderId() {
        return orderId;
    }

    /** The CSR sent, by which the order's duplicate list shows this request after a restart. */
    public String csrPem() {
        return csrPem;
    }

    /** SHA-256 of the CSR's SubjectPublicKeyInfo, in lower-case hex. */
    public String spkiSha256() {
        return spkiSha256;
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

    /** As DigiCert sent them: entries may be null, which the chain check reports. */
    List<String> chainPems() {
        return Collections.unmodifiableList(new ArrayList<>(chainPems));
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

    void keyFile(String path, boolean madeByStep) {
        keyFile = path;
        keyMadeByStep = madeByStep;
    }

    /** The workspace path the private key takes once the certificate is written; null when none is known. */
    @CheckForNull
    public String keyFile() {
        return keyFile;
    }

    /** Whether the step made the key pair (on the agent): then its key must be there when the files are written. */
    public boolean keyMadeByStep() {
        return keyMadeByStep;
    }

    /** Names the key among others in the workspace: the start of its public key's SHA-256. */
    public String keyTag() {
        return spkiSha256.substring(0, 16);
    }

    RequestTrace trace() {
        return trace;
    }

    void trace(RequestTrace known) {
        trace = known;
    }

    void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            requestIds = new ArrayList<>(ids);
        }
    }

    /** An earlier duplicate of this key serves instead of a new request: issued, with nothing sent. */
    void reused(long certificate) {
        reused = true;
        issued(certificate, List.of());
    }

    public boolean reused() {
        return reused;
    }

    void pending() {
        status = Status.PENDING;
    }

    void issued(long certificate, List<String> chain) {
        status = Status.ISSUED;
        certificateId = certificate;
        chainPems = new ArrayList<>(chain);
    }

    /** What the issued certificate says of itself, for the build page and later build steps. */
    void describe(CertificateFacts leaf) {
        serialNumber = leaf.serialNumber();
        sha256Fingerprint = leaf.sha256Fingerprint();
        issuer = leaf.issuer();
        notBeforeMillis = leaf.notBefore().toEpochMilli();
        notAfterMillis = leaf.notAfter().toEpochMilli();
        issuedCommonName = leaf.commonName();
        issuedDnsNames = new ArrayList<>(leaf.dnsNames());
    }

    /** The files written for it, as workspace-relative paths. */
    void placed(List<String> workspacePaths) {
        files = new ArrayList<>(workspacePaths);
    }

    /** The files archived as build artifacts, under the same paths. */
    public void archived(List<String> artifactPaths) {
        archived = new ArrayList<>(artifactPaths);
    }

    @CheckForNull
    public String serialNumber() {
        return serialNumber;
    }

    @CheckForNull
    public String sha256Fingerprint() {
        return sha256Fingerprint;
    }

    @CheckForNull
    public String issuer() {
        return issuer;
    }

    @CheckForNull
    public Instant notBefore() {
        return notBeforeMillis == null ? null : Instant.ofEpochMilli(notBeforeMillis);
    }

    @CheckForNull
    public Instant notAfter() {
        return notAfterMillis == null ? null : Instant.ofEpochMilli(notAfterMillis);
    }

    /** The certificate's own names once issued, else the names requested. */
    public String shownCommonName() {
        return issuedCommonName != null ? issuedCommonName : commonName;
    }

    public List<String> shownDnsNames() {
        return issuedDnsNames.isEmpty() ? dnsNames() : List.copyOf(issuedDnsNames);
    }

    public List<String> files() {
        return List.copyOf(files);
    }

    public List<String> archivedFiles() {
        return List.copyOf(archived);
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

    /** Lists a saved record lacks (Java serialization and XStream run no initialisers) read back empty. */
    private Object readResolve() {
        if (requestIds == null) {
            requestIds = new ArrayList<>();
        }
        if (chainPems == null) {
            chainPems = new ArrayList<>();
        }
        if (issuedDnsNames == null) {
            issuedDnsNames = new ArrayList<>();
        }
        if (files == null) {
            files = new ArrayList<>();
        }
        if (archived == null) {
            archived = new ArrayList<>();
        }
        if (trace == null) {
            trace = RequestTrace.unknown();
        }
        return this;
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
