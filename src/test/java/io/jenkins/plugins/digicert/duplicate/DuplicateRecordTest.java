package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A duplicate's record survives a restart: each test persists the record (Java serialization, as a build keeps it),
 * "restarts" with a new client and workflow, and resumes; in every path exactly one duplicate is created.
 */
@ExtendWith(SimulatorExtension.class)
class DuplicateRecordTest {

    private static final long ORDER = 1234567;
    private static final CertificateRequest CSR =
            parse(TestCsrs.rsa("example.com", "example.com").bytes());

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void order(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "example.com");
    }

    /** A fresh workflow, as after a restart: new client, nothing in memory but what was persisted. */
    private DuplicateWorkflow workflow() {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(time, () -> 0.5);
        CertCentralClient client = new CertCentralClient(ApiKey.of(CertCentralSimulator.API_KEY), settings, log::add);
        return new DuplicateWorkflow(client, time, log::add);
    }

    private static DuplicateOptions options(boolean wait) throws Exception {
        return DuplicateOptions.builder(String.valueOf(ORDER))
                .commonName("example.com")
                .dnsNames(List.of("example.com"))
                .waitPolicy(WaitPolicy.of(wait, Duration.ofMinutes(30)))
                .build();
    }

    @Test
    void pendingSurvivesARestartAndIsCollectedWithoutASecondRequest() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        Store store = new Store();

        DuplicateRecord sent = workflow().begin(options(true), CSR, store);
        assertEquals(DuplicateRecord.Status.PENDING, sent.status());
        assertEquals(time.now().plusSeconds(10), sent.nextCheck());

        Store restarted = store.afterRestart();
        DuplicateRecord record = restarted.only();
        assertNotSame(sent, record);
        DuplicateWorkflow resumed = workflow();
        while (record.status() == DuplicateRecord.Status.PENDING) {
            time.advance(Duration.between(time.now(), record.nextCheck()));
            resumed.check(record, restarted);
        }
        DuplicateOutcome outcome = resumed.finish(record, restarted);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(sent.requestIds(), outcome.result().requestIds());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(
                DuplicateRecord.Status.ISSUED, restarted.afterRestart().only().status(), "kept as issued");
    }

    @Test
    void aRetriedStepAdoptsThePendingRequest() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        Store store = new Store();
        workflow().begin(options(true), CSR, store);

        DuplicateOutcome outcome = workflow().run(options(true), CSR, store.afterRestart());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("This build already requested a duplicate")), log::toString);
    }

    @Test
    void aCrashRightAfterThePostIsFoundInTheOrdersList() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        Store store = new Store();
        store.crashOnSave(2); // the first save (before the POST) lands; the process dies before the second

        assertThrows(DigicertException.class, () -> workflow().begin(options(true), CSR, store));
        assertEquals(1, simulator.duplicatesCreated(), "the POST reached DigiCert");
        Store restarted = store.afterRestart();
        assertEquals(DuplicateRecord.Status.SUBMITTING, restarted.only().status());

        DuplicateOutcome outcome = workflow().run(options(true), CSR, restarted);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Found it in the order's duplicates")), log::toString);
    }

    @Test
    void aCrashInTheMiddleOfThePostAdoptsThisRequestsEntryNotAnEarlierOneWithTheSameCsr() throws Exception {
        simulator.setClock(time::now);
        long earlier =
                simulator.addEarlierDuplicate(ORDER, CSR.pem(), time.now().minus(Duration.ofDays(3)));
        simulator.setListingLag(Duration.ofSeconds(6));
        Store store = new Store();
        store.crashOnSave(2); // the save before the POST lands; the process dies before the one after

        assertThrows(DigicertException.class, () -> workflow().begin(options(true), CSR, store));
        DuplicateOutcome outcome = workflow().run(options(true), CSR, store.afterRestart());

        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        List<Long> made = simulator.requestedCertificateIds();
        assertEquals(1, made.size());
        assertEquals(made.get(0), outcome.result().certificateId());
        assertTrue(outcome.result().certificateId() != earlier);
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("It may have reached DigiCert: looking for it")),
                log::toString);
    }

    @Test
    void aCrashBeforeThePostSendsItOnResume() throws Exception {
        Store store = new Store();
        store.crashOnSave(2);
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, io.jenkins.plugins.digicert.simulator.Fault.error(400, "x", "x"));
        assertThrows(DigicertException.class, () -> workflow().begin(options(true), CSR, store));
        assertEquals(0, simulator.duplicatesCreated());

        DuplicateOutcome outcome = workflow().run(options(true), CSR, store.afterRestart());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("It is not in the order's duplicates")), log::toString);
    }

    @Test
    void anIssuedRecordIsFinishedWithoutAnyRequest() throws Exception {
        Store store = new Store();
        DuplicateRecord issued = workflow().begin(options(true), CSR, store);
        assertEquals(DuplicateRecord.Status.ISSUED, issued.status());
        int calls = simulator.requestCount();

        Store restarted = store.afterRestart();
        DuplicateOutcome outcome = workflow().finish(restarted.only(), restarted);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(calls, simulator.requestCount(), "the chain came with the answer and was kept");
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void aTimedOutRequestIsAwaitedAgainByARetryNotSentAgain() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        Store store = new Store();
        DuplicateOptions shortWait = DuplicateOptions.builder(String.valueOf(ORDER))
                .commonName("example.com")
                .dnsNames(List.of("example.com"))
                .waitPolicy(WaitPolicy.of(true, Duration.ofSeconds(30)))
                .build();
        assertThrows(IssuanceTimeoutException.class, () -> workflow().run(shortWait, CSR, store));
        assertEquals(
                DuplicateRecord.Status.TIMED_OUT, store.afterRestart().only().status());

        simulator.setIssuance(Issuance.pendingThenIssued(1));
        DuplicateOutcome outcome = workflow().run(shortWait, CSR, store.afterRestart());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void aRejectedRequestIsNotAdopted() throws Exception {
        simulator.setIssuance(Issuance.pendingThenRejected(1));
        Store store = new Store();
        assertThrows(DuplicateRejectedException.class, () -> workflow().run(options(true), CSR, store));
        assertEquals(
                DuplicateRecord.Status.REJECTED, store.afterRestart().only().status());

        simulator.setIssuance(Issuance.IMMEDIATE);
        workflow().run(options(true), CSR, store.afterRestart());

        assertEquals(2, simulator.duplicatesCreated(), "a declined request is asked anew, the approver decides again");
    }

    @Test
    void anotherKeyPairIsAnotherDuplicate() throws Exception {
        Store store = new Store();
        workflow().run(options(true), CSR, store);

        workflow()
                .run(
                        options(true),
                        parse(TestCsrs.rsa("example.com", "example.com").bytes()),
                        store);

        assertEquals(2, simulator.duplicatesCreated());
        assertEquals(2, store.all().size());
    }

    @Test
    void notWaitingLeavesAPendingRecordThatALaterBuildCollectsByRequestId() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        DuplicateOutcome pending = workflow().run(options(false), CSR, new Store());
        assertEquals(DuplicateResult.PENDING, pending.result().status());
        long requestId = pending.result().requestIds().get(0);

        Store laterBuild = new Store();
        DuplicateOptions collect = DuplicateOptions.builder(String.valueOf(ORDER))
                .requestId(String.valueOf(requestId))
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(5)))
                .build();
        DuplicateOutcome outcome = workflow().run(collect, CSR, laterBuild);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(List.of(requestId), outcome.result().requestIds());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Collecting request " + requestId)), log::toString);
    }

    @Test
    void collectingARejectedRequestFailsClearly() throws Exception {
        simulator.setIssuance(Issuance.pendingThenRejected(1));
        DuplicateOutcome pending = workflow().run(options(false), CSR, new Store());
        long requestId = pending.result().requestIds().get(0);

        DuplicateOptions collect = DuplicateOptions.builder(String.valueOf(ORDER))
                .requestId(String.valueOf(requestId))
                .build();
        DuplicateRejectedException e =
                assertThrows(DuplicateRejectedException.class, () -> workflow().run(collect, CSR, new Store()));
        assertTrue(e.getMessage().contains(String.valueOf(requestId)), e.getMessage());
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void theDeadlineAndTheNextCheckAreWallClockTimesThatSurviveARestart() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        Store store = new Store();
        DuplicateRecord record = workflow().begin(options(true), CSR, store);

        DuplicateRecord copy = store.afterRestart().only();

        assertEquals(record.deadline(), copy.deadline());
        assertEquals(time.now().plus(Duration.ofMinutes(30)), copy.deadline());
        assertEquals(record.nextCheck(), copy.nextCheck());
        assertEquals(record, copy, "the two copies are one record");
    }

    @Test
    void everyPhaseLeavesItsResultWhereARestartFindsIt() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        Store store = new Store();
        DuplicateWorkflow workflow = workflow();
        DuplicateRecord record = workflow.begin(options(true), CSR, store);
        java.time.Instant firstCheck = store.afterRestart().only().nextCheck();

        time.advance(Duration.between(time.now(), record.nextCheck()));
        workflow.check(record, store);
        assertEquals(DuplicateRecord.Status.PENDING, store.afterRestart().only().status());
        assertTrue(store.afterRestart().only().nextCheck().isAfter(firstCheck), "the next check, saved");

        time.advance(Duration.between(time.now(), record.nextCheck()));
        workflow.check(record, store);
        assertEquals(DuplicateRecord.Status.ISSUED, store.afterRestart().only().status());
        workflow.finish(record, store, "tls");

        DuplicateRecord saved = store.afterRestart().only();
        assertEquals(record.serialNumber(), saved.serialNumber());
        assertTrue(saved.serialNumber() != null && !saved.serialNumber().isEmpty(), "the certificate's facts, saved");
        assertTrue(saved.files().contains("tls/fullchain.pem"), saved.files()::toString);
    }

    @Test
    void aPendingOutcomeIsSavedWithItsFile() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        Store store = new Store();

        workflow().run(options(false), CSR, store, "out");

        assertEquals(List.of("out/duplicate.json"), store.afterRestart().only().files());
    }

    @Test
    void collectingARequestAlreadyIssuedNeedsNoWait() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        DuplicateOutcome pending = workflow().run(options(false), CSR, new Store());
        long requestId = pending.result().requestIds().get(0);
        int checksBefore = simulator.requestCount(Endpoint.LIST_DUPLICATES);

        DuplicateOptions collect = DuplicateOptions.builder(String.valueOf(ORDER))
                .requestId(String.valueOf(requestId))
                .build();
        DuplicateOutcome outcome = workflow().run(collect, CSR, new Store());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(List.of(requestId), outcome.result().requestIds());
        assertTrue(simulator.requestCount(Endpoint.LIST_DUPLICATES) - checksBefore <= 2, "no wait");
        assertEquals(1, simulator.duplicatesCreated());
    }

    private static CertificateRequest parse(byte[] csr) {
        try {
            return CsrParser.parse(csr);
        } catch (DigicertException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records kept as a build keeps them: every save writes the whole list through Java serialization, and
     * {@link #afterRestart} reads the last write back, as a restarted controller would.
     */
    private static final class Store implements DuplicateRecords {
        private final List<DuplicateRecord> records = new ArrayList<>();
        private byte[] persisted = serialize(new ArrayList<>());
        private int saves;
        private int crashAt = Integer.MAX_VALUE;

        void crashOnSave(int save) {
            crashAt = save;
        }

        @Override
        public List<DuplicateRecord> all() {
            return List.copyOf(records);
        }

        @Override
        public void save(DuplicateRecord record) throws IOException {
            if (++saves >= crashAt) {
                throw new IOException("the controller went down");
            }
            records.remove(record);
            records.add(record);
            persisted = serialize(new ArrayList<>(records));
        }

        Store afterRestart() {
            Store restarted = new Store();
            restarted.records.addAll(deserialize(persisted));
            restarted.persisted = persisted;
            return restarted;
        }

        DuplicateRecord only() {
            assertEquals(1, records.size(), records::toString);
            return records.get(0);
        }

        private static byte[] serialize(ArrayList<DuplicateRecord> list) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(list);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes.toByteArray();
        }

        @SuppressWarnings("unchecked")
        private static List<DuplicateRecord> deserialize(byte[] bytes) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return (List<DuplicateRecord>) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
