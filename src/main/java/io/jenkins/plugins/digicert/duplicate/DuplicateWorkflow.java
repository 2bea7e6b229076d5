package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.CertCentralException;
import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.certcentral.DuplicateRequestBody;
import io.jenkins.plugins.digicert.certcentral.OrderDetails;
import io.jenkins.plugins.digicert.certcentral.RequestDetails;
import io.jenkins.plugins.digicert.pki.CertificateChain;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.ChainAssembler;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.time.TimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole duplicate in three phases that can be run apart: {@link #begin} sends the request (or adopts the one
 * this build already sent), {@link #check} asks once whether it is issued yet, {@link #finish} fetches and checks
 * the chain and makes the files. Between phases everything needed is in the {@link DuplicateRecord}, kept in
 * {@link DuplicateRecords}, so a Pipeline step can wait across a controller restart without holding a thread.
 * It never sends the duplicate request twice for one build: after an unclear answer, and before adopting a record
 * that may have been sent, it looks for the request in the order's duplicate list, and it never takes an entry made
 * before the request for the request's own ({@link RequestTrace}).
 */
public final class DuplicateWorkflow {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * How long, after an unclear answer, the order's list is watched for the request before the step gives up (or,
     * when run again, sends it anew): far longer than the few seconds a list served from a replica lags behind.
     */
    static final Duration LOST_ANSWER_SEARCH = Duration.ofMinutes(2);

    private static final Duration FIRST_LOOK_PAUSE = Duration.ofSeconds(2);
    private static final Duration LONGEST_LOOK_PAUSE = Duration.ofSeconds(20);

    private final CertCentralClient client;
    private final TimeSource time;
    private final ProgressLog log;

    public DuplicateWorkflow(CertCentralClient client, TimeSource time, ProgressLog log) {
        this.client = client;
        this.time = time;
        this.log = log;
    }

    /** The three phases in one go, waiting in this thread: the freestyle builder, the demo and the benchmarks. */
    public DuplicateOutcome run(DuplicateOptions options, CertificateRequest csr)
            throws DigicertException, InterruptedException {
        return run(options, csr, DuplicateRecords.inMemory(), "");
    }

    DuplicateOutcome run(DuplicateOptions options, CertificateRequest csr, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        return run(options, csr, records, "");
    }

    /** @param outputDir the normalized workspace directory of the files ({@code ""}: the workspace itself) */
    DuplicateOutcome run(DuplicateOptions options, CertificateRequest csr, DuplicateRecords records, String outputDir)
            throws DigicertException, InterruptedException {
        DuplicateRecord record = begin(options, csr, records);
        while (record.status() == DuplicateRecord.Status.PENDING) {
            if (!options.waitPolicy().enabled()) {
                return pending(record, records, outputDir);
            }
            Duration pause = Duration.between(time.now(), record.nextCheck());
            time.sleep(pause.isNegative() ? Duration.ZERO : pause);
            check(record, records);
        }
        return finish(record, records, outputDir);
    }

    /** The outcome of a step that does not wait: only duplicate.json, with the request ids. */
    DuplicateOutcome pending(DuplicateRecord record, DuplicateRecords records, String outputDir)
            throws DigicertException {
        DuplicateOutcome outcome =
                DuplicateOutcome.pending(record).placedIn(outputDir).recordedAs(record);
        record.placed(outcome.workspacePaths());
        save(records, record);
        return outcome;
    }

    /**
     * Sends the duplicate request, or adopts the one this build already made for the same order and key pair (a
     * retried or resumed step). Before sending, the order's list is read, so that no entry made earlier with the same
     * CSR is ever taken for this request's. The record is saved before the request is sent and again after, so that
     * a crash in between leaves a trace that {@link #begin} follows up in the order's list.
     *
     * @return the record, {@code PENDING} (with the first check scheduled if the options wait) or {@code ISSUED}
     */
    public DuplicateRecord begin(DuplicateOptions options, CertificateRequest csr, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        String spki = spkiSha256(csr);
        Optional<DuplicateRecord> earlier = records.all().stream()
                .filter(r -> r.isFor(options.orderId(), spki) && r.status() != DuplicateRecord.Status.REJECTED)
                .reduce((first, second) -> second);
        if (earlier.isPresent()) {
            return adopt(earlier.get(), options, csr, records);
        }
        if (options.requestId().isPresent()) {
            return collect(options, options.requestId().get(), csr, spki, records);
        }
        Names names = names(options);
        DuplicateRecord record = new DuplicateRecord(
                options.orderId(),
                csr.pem(),
                spki,
                names.commonName(),
                names.dnsNames(),
                names.order().map(order -> order.certificate().validTill()).orElse(null),
                compareWithCsr(csr, names));
        options.keyFile().ifPresent(path -> record.keyFile(path, options.keyMadeByStep()));
        DuplicateListing before = client.listDuplicates(options.orderId());
        if (options.reuseDaysLeft().isPresent()) {
            ReusableDuplicate.Choice reuse = ReusableDuplicate.choose(
                    options.orderId(),
                    before,
                    csr,
                    names.commonName(),
                    names.dnsNames(),
                    options.reuseDaysLeft().get(),
                    time.now().atZone(ZoneOffset.UTC).toLocalDate());
            reuse.lines().forEach(log::line);
            if (reuse.item().isPresent()) {
                record.reused(reuse.item().get().id());
                save(records, record);
                return record;
            }
        }
        record.trace(RequestTrace.before(before, CsrMatcher.mine(before, csr)));
        log.line("Requesting a duplicate of order " + options.orderId() + " for " + names.commonName()
                + describeSans(names.dnsNames()) + ", " + options.signatureHash());
        send(record, options, csr, records);
        return afterSubmission(record, options, records);
    }

    /**
     * Takes up a request an earlier build sent (and did not wait for): nothing is sent. Its entry in the order's list
     * has this CSR, so the CSR must be the one that build sent, and is the first made from the request's own date on.
     */
    private DuplicateRecord collect(
            DuplicateOptions options, long requestId, CertificateRequest csr, String spki, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        log.line("Collecting request " + requestId + " of order " + options.orderId() + "; no new request is sent");
        RequestDetails request = client.requestDetails(requestId);
        if (request.otherThanDuplicate()) {
            throw new InvalidInputException("Request " + requestId + " is a '" + request.type() + "' request, not a "
                    + "duplicate: requestId must be the number a build with waitForIssuance: false returned.");
        }
        DuplicateRecord record = new DuplicateRecord(
                options.orderId(), csr.pem(), spki, csr.commonName().orElse(""), csr.dnsNames(), null, List.of());
        record.sent(List.of(requestId));
        options.keyFile().ifPresent(path -> record.keyFile(path, false));
        record.trace(RequestTrace.madeAt(request.created()));
        DuplicateListing listing = client.listDuplicates(options.orderId());
        List<DuplicateListing.Item> sameCsr = CsrMatcher.mine(listing, csr);
        if (request.created().isEmpty() && sameCsr.size() > 1) {
            throw new DigicertException("Order " + options.orderId() + " has " + sameCsr.size() + " duplicates made "
                    + "with this CSR (certificate ids "
                    + sameCsr.stream().map(item -> String.valueOf(item.id())).toList()
                    + "), and CertCentral's answer for request " + requestId + " does not say when it was made, so "
                    + "which one is its own cannot be told. Download it in CertCentral (the order's duplicates), or "
                    + "request a new duplicate with a new key.");
        }
        Optional<DuplicateListing.Item> listed = ownEntry(record, csr, listing);
        boolean rejected = request.rejected()
                || listed.map(DuplicateListing.Item::rejected).orElse(false);
        if (rejected) {
            throw new DuplicateRejectedException(options.orderId(), String.valueOf(requestId));
        }
        if (listed.isPresent() && listed.get().issued()) {
            record.issued(listed.get().id(), List.of());
        } else {
            record.pending();
        }
        return afterSubmission(record, options, records);
    }

    /** Continues with a request this build made earlier; sends it only if the order's list shows it never arrived. */
    private DuplicateRecord adopt(
            DuplicateRecord record, DuplicateOptions options, CertificateRequest csr, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        log.line("This build already requested a duplicate of order " + record.orderId() + " with this CSR's key "
                + "(request " + record.requestLabel() + ", "
                + record.status().name().toLowerCase(Locale.ROOT)
                + "): continuing with it instead of sending another");
        if (record.status() == DuplicateRecord.Status.SUBMITTING) {
            Optional<Instant> sentAt = record.trace().sentAt();
            Duration window = searchWindow(options);
            if (sentAt.isPresent() && time.now().isBefore(sentAt.get().plus(window))) {
                log.line("It may have reached DigiCert: looking for it in the order's duplicates until "
                        + CLOCK.format(sentAt.get().plus(window)) + " before anything is sent");
            }
            Optional<DuplicateListing.Item> sent =
                    lookFor(record, csr, sentAt.map(at -> at.plus(window)).orElse(Instant.MIN));
            if (sent.isPresent()) {
                log.line("Found it in the order's duplicates (status "
                        + sent.get().status() + ")");
                apply(record, Submission.of(sent.get()));
            } else {
                // Any request that reached DigiCert is listed within seconds; none was in the window: send it.
                log.line("It is not in the order's duplicates"
                        + (sentAt.isPresent() ? ", " + Durations.human(window) + " and more after it was sent" : "")
                        + ": it did not reach DigiCert. Sending it now");
                send(record, options, csr, records);
            }
        } else if (record.status() == DuplicateRecord.Status.TIMED_OUT) {
            record.pending();
        }
        return afterSubmission(record, options, records);
    }

    private DuplicateRecord afterSubmission(DuplicateRecord record, DuplicateOptions options, DuplicateRecords records)
            throws DigicertException {
        if (record.status() == DuplicateRecord.Status.PENDING) {
            if (options.waitPolicy().enabled()) {
                record.waitFrom(time.now(), options.waitPolicy());
                logNextCheck(record);
            } else {
                log.line("Request " + record.requestLabel() + " is pending approval; not waiting, as asked");
            }
        }
        save(records, record);
        return record;
    }

    /**
     * Asks once whether a pending duplicate is issued: the order's duplicate list shows this build's entry (found
     * by its CSR) with its status and, once issued, its certificate id; only while the list does not show it is the
     * request's own status asked, so that a rejection is seen even then.
     *
     * @throws DuplicateRejectedException when an approver declined it
     * @throws IssuanceTimeoutException when it is still pending at the deadline
     */
    public void check(DuplicateRecord record, DuplicateRecords records) throws DigicertException, InterruptedException {
        CertificateRequest csr = CsrParser.parse(record.csrPem().getBytes(StandardCharsets.US_ASCII));
        Optional<DuplicateListing.Item> mine = ownEntry(record, csr, client.listDuplicates(record.orderId()));
        boolean rejected = mine.map(DuplicateListing.Item::rejected).orElse(false);
        if (mine.isEmpty() && !record.requestIds().isEmpty()) {
            RequestDetails details = client.requestDetails(record.requestIds().get(0));
            rejected = details.rejected();
        }
        if (rejected) {
            record.rejected();
            save(records, record);
            throw new DuplicateRejectedException(record.orderId(), record.requestLabel());
        }
        Instant now = time.now();
        if (mine.isPresent() && mine.get().issued()) {
            log.line("DigiCert issued the duplicate after " + Durations.human(waited(record, now)) + " (certificate id "
                    + mine.get().id() + ")");
            record.issued(mine.get().id(), List.of());
            save(records, record);
            return;
        }
        if (record.pastDeadline(now)) {
            record.timedOut();
            save(records, record);
            throw new IssuanceTimeoutException(record.orderId(), record.requestLabel(), record.timeout());
        }
        record.checkedAt(now);
        save(records, record);
        logNextCheck(record);
    }

    /** The issued duplicate's chain, checked against the CSR, and the files made from it. */
    public DuplicateOutcome finish(DuplicateRecord record, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        return finish(record, records, "");
    }

    /** @param outputDir the normalized workspace directory of the files ({@code ""}: the workspace itself) */
    public DuplicateOutcome finish(DuplicateRecord record, DuplicateRecords records, String outputDir)
            throws DigicertException, InterruptedException {
        CertificateRequest csr = CsrParser.parse(record.csrPem().getBytes(StandardCharsets.US_ASCII));
        long certificateId = Objects.requireNonNull(record.certificateId(), "finish() needs an issued record");
        CertificateChain chain;
        if (record.reused()) {
            chain = ChainAssembler.assemble(client.downloadPemAll(certificateId), csr);
        } else if (!record.chainPems().isEmpty()) {
            log.line("DigiCert issued the duplicate at once (certificate id " + certificateId + ")");
            chain = ChainAssembler.assemble(record.chainPems(), csr);
        } else {
            chain = ChainAssembler.assemble(client.downloadPemAll(certificateId), csr);
        }
        List<String> warnings = new ArrayList<>(record.warnings());
        warnings.addAll(chain.warnings());
        CertificateFacts leaf = chain.leafFacts();
        checkValidity(record.orderValidTill(), leaf, warnings);
        DuplicateSummary.expiryWarning(leaf.notAfter(), time.now()).ifPresent(warnings::add);
        record.describe(leaf);
        warnings.forEach(log::warn);
        log.line("Issued serial " + leaf.serialNumber() + " for " + record.commonName() + ", valid until "
                + leaf.notAfter());
        DuplicateOutcome outcome = DuplicateOutcome.issued(
                        record.orderId(), record.requestIds(), certificateId, chain, warnings, record.reused())
                .placedIn(outputDir)
                .recordedAs(record);
        record.placed(outcome.workspacePaths());
        save(records, record);
        return outcome;
    }

    private static void apply(DuplicateRecord record, Submission submission) {
        record.sent(submission.requestIds());
        if (submission.pending()) {
            record.pending();
        } else {
            record.issued(submission.certificateId(), submission.chainPems());
        }
    }

    private void logNextCheck(DuplicateRecord record) {
        String state = record.requestIds().isEmpty()
                ? "The duplicate is pending (its request id was lost with the unclear answer)"
                : "Request " + record.requestLabel() + " is pending";
        Instant now = time.now();
        Duration pause = Duration.between(now, record.nextCheck());
        log.line(state + "; next check at " + CLOCK.format(record.nextCheck()) + " (in "
                + Durations.human(pause.isNegative() ? Duration.ZERO : pause) + ", waiting up to "
                + Durations.human(record.timeout()) + " in all)");
    }

    private static Duration waited(DuplicateRecord record, Instant now) {
        return Duration.between(record.waitStarted(), now);
    }

    private static void save(DuplicateRecords records, DuplicateRecord record) throws DigicertException {
        try {
            records.save(record);
        } catch (IOException e) {
            throw new DigicertException(
                    "The build's record of the duplicate request could not be saved (" + e.getMessage()
                            + "); nothing more was sent to DigiCert. Check the controller's disk.",
                    e);
        }
    }

    static String spkiSha256(CertificateRequest csr) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csr.publicKeyInfo()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The names to secure, and the order when it had to be read for them. */
    record Names(String commonName, List<String> dnsNames, Optional<OrderDetails> order) {}

    /** The names given, or the order's, checked against DigiCert's duplicate rules before anything is sent. */
    Names names(DuplicateOptions options) throws DigicertException, InterruptedException {
        if (options.namesGiven()) {
            return new Names(options.commonName().orElseThrow(), options.dnsNames(), options.knownOrder());
        }
        long orderId = options.orderId();
        log.line("Reading order " + orderId + " for the names to secure");
        OrderDetails order = client.orderDetails(orderId);
        String commonName =
                options.commonName().orElseGet(() -> lower(order.certificate().commonName()));
        if (commonName == null) {
            throw new InvalidInputException("Order " + orderId + " has no common name; give commonName.");
        }
        List<String> dnsNames = options.dnsNames().isEmpty() ? namesOf(order) : options.dnsNames();
        List<String> violations = NameRules.violations(commonName, dnsNames, order);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The names break DigiCert's duplicate rules for order " + orderId + ":\n - "
                    + String.join("\n - ", violations));
        }
        return new Names(commonName, dnsNames, Optional.of(order));
    }

    private static DuplicateRequestBody requestBody(
            DuplicateOptions options, DuplicateRecord record, CertificateRequest csr) {
        return new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                record.commonName(),
                record.dnsNames(),
                csr.pem(),
                options.serverPlatformId()
                        .map(DuplicateRequestBody.ServerPlatform::new)
                        .orElse(null),
                options.signatureHash(),
                options.caCertId().orElse(null)));
    }

    /**
     * Sends the request. After an answer that leaves unclear whether DigiCert made the duplicate (none, a gateway's
     * error, an unreadable success), it is looked for in the order's list at growing intervals for a while; it is
     * never sent again from here, since a second request could make a second duplicate. A clear refusal made
     * nothing, and is remembered as such, so that a step run again sends at once.
     */
    private void send(
            DuplicateRecord record, DuplicateOptions options, CertificateRequest csr, DuplicateRecords records)
            throws DigicertException, InterruptedException {
        Instant sentAt = time.now();
        record.trace().sent(sentAt);
        save(records, record);
        try {
            apply(record, Submission.of(client.submitDuplicate(record.orderId(), requestBody(options, record, csr))));
        } catch (CertCentralException e) {
            if (!e.outcomeUnknown()) {
                record.trace().refused();
                save(records, record);
                throw e;
            }
            Duration window = searchWindow(options);
            log.line("No clear answer to the duplicate request (" + statusOf(e) + "); looking for it in the order's "
                    + "duplicates for up to " + Durations.human(window) + " before anything more is sent");
            Optional<DuplicateListing.Item> found = lookFor(record, csr, sentAt.plus(window));
            if (found.isEmpty()) {
                save(records, record);
                throw new RequestUnconfirmedException(
                        record.orderId(), statusOf(e), CLOCK.format(sentAt), Durations.human(window), e);
            }
            log.line("Found it: DigiCert did receive the request (status "
                    + found.get().status() + ")");
            apply(record, Submission.of(found.get()));
        }
    }

    /**
     * Looks for the request's entry in the order's list until {@code until}, pausing longer each time: a list served
     * from a replica shows a new entry seconds late, so one look is not enough. One look when the time is past.
     */
    private Optional<DuplicateListing.Item> lookFor(DuplicateRecord record, CertificateRequest csr, Instant until)
            throws DigicertException, InterruptedException {
        Duration pause = FIRST_LOOK_PAUSE;
        while (true) {
            Optional<DuplicateListing.Item> found = ownEntry(record, csr, client.listDuplicates(record.orderId()));
            Instant now = time.now();
            if (found.isPresent() || !now.isBefore(until)) {
                return found;
            }
            Duration left = Duration.between(now, until);
            time.sleep(pause.compareTo(left) < 0 ? pause : left);
            Duration grown = pause.plus(pause.dividedBy(2));
            pause = grown.compareTo(LONGEST_LOOK_PAUSE) < 0 ? grown : LONGEST_LOOK_PAUSE;
        }
    }

    /** The request's entry in this list, if it shows it; once seen, the record keeps to that entry. */
    private static Optional<DuplicateListing.Item> ownEntry(
            DuplicateRecord record, CertificateRequest csr, DuplicateListing listing) {
        Optional<DuplicateListing.Item> entry = CsrMatcher.find(listing, csr, record.trace());
        entry.ifPresent(item -> record.trace().pin(item.id()));
        return entry;
    }

    /** The search after a lost answer, within the step's own wait when that is shorter. */
    private static Duration searchWindow(DuplicateOptions options) {
        WaitPolicy wait = options.waitPolicy();
        return wait.enabled() && wait.timeout().compareTo(LOST_ANSWER_SEARCH) < 0 ? wait.timeout() : LOST_ANSWER_SEARCH;
    }

    private static String statusOf(CertCentralException e) {
        return e.status() == CertCentralException.NO_RESPONSE ? "no answer" : "HTTP " + e.status();
    }

    private static List<String> namesOf(OrderDetails order) {
        Set<String> names = new LinkedHashSet<>();
        order.certificate().dnsNames().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        return List.copyOf(names);
    }

    private static List<String> compareWithCsr(CertificateRequest csr, Names names) {
        String commonName = names.commonName();
        List<String> dnsNames = names.dnsNames();
        List<String> warnings = new ArrayList<>();
        Optional<String> csrCn = csr.commonName().map(DuplicateWorkflow::lower);
        if (csrCn.isPresent() && !csrCn.get().equals(commonName)) {
            warnings.add("The CSR's common name '" + csrCn.get() + "' differs from the requested '" + commonName
                    + "'. DigiCert uses the requested names, not the CSR's.");
        }
        Set<String> requested = new LinkedHashSet<>(dnsNames);
        requested.add(commonName);
        List<String> extra =
                csr.dnsNames().stream().filter(n -> !requested.contains(n)).toList();
        if (!extra.isEmpty()) {
            warnings.add("The CSR asks for " + extra + ", which the request does not include; the certificate will "
                    + "not cover them.");
        }
        return warnings;
    }

    private static void checkValidity(String validTill, CertificateFacts leaf, List<String> warnings) {
        if (validTill == null) {
            return;
        }
        try {
            LocalDate orderEnd = LocalDate.parse(validTill.length() > 10 ? validTill.substring(0, 10) : validTill);
            LocalDate certEnd = leaf.notAfter().atZone(ZoneOffset.UTC).toLocalDate();
            if (certEnd.plusDays(1).isBefore(orderEnd)) {
                warnings.add("The duplicate is valid until " + certEnd + ", before the order's " + orderEnd
                        + ": DigiCert caps public TLS certificates at 397 days. Request another duplicate in the "
                        + "order's last 397 days to use the rest.");
            }
        } catch (DateTimeParseException e) {
            // An unexpected date format only costs the warning.
        }
    }

    private static String describeSans(List<String> dnsNames) {
        return dnsNames.isEmpty() ? "" : ", dns_names " + String.join(" ", dnsNames);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
