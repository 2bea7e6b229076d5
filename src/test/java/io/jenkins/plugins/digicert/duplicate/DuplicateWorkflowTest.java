package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralException;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimit;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.Pem;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestCsrs.TestCsr;
import io.jenkins.plugins.digicert.time.ManualTime;
import io.jenkins.plugins.digicert.time.TimeSource;
import io.jenkins.plugins.digicert.workspace.OutputWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatorExtension.class)
class DuplicateWorkflowTest {

    private static final String ORDER = "1234567";
    private static final TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
    }

    private ClientSettings settings() {
        return ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(new RateLimiters(RateLimit.CERTCENTRAL, time))
                .withTime(time, () -> 0.5);
    }

    private DuplicateOutcome run(DuplicateOptions options) throws Exception {
        return run(options, CSR);
    }

    private DuplicateOutcome run(DuplicateOptions options, TestCsr csr) throws Exception {
        return Duplicator.run(ApiKey.of(CertCentralSimulator.API_KEY), settings(), options, csr.bytes(), log::add);
    }

    private static DuplicateOptions.Builder options() {
        return DuplicateOptions.builder(ORDER);
    }

    @Test
    void issuedAtOnceWithNamesGivenTakesTwoCalls() throws Exception {
        DuplicateOutcome outcome = run(options()
                .commonName("example.com")
                .dnsNames(List.of("example.com", "www.example.com"))
                .build());

        assertEquals(2, simulator.requestCount());
        assertEquals(1, simulator.requestCount(Endpoint.LIST_DUPLICATES), "the list before sending");
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        DuplicateResult result = outcome.result();
        assertEquals(DuplicateResult.ISSUED, result.status());
        assertEquals(1234567, result.orderId());
        assertEquals("example.com", result.commonName());
        assertEquals(List.of("example.com", "www.example.com"), result.dnsNames());
        assertEquals(
                List.of("certificate.pem", "chain.pem", "fullchain.pem", "root.pem", "duplicate.json"), result.files());
        assertEquals(result.files(), outcome.files().names());
        X509Certificate leaf =
                parse(outcome.files().contents().get("certificate.pem")).get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        assertEquals(leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT), result.serialNumber());
        assertEquals(
                List.of(leaf, simulator.ca().issuing()),
                parse(outcome.files().contents().get("fullchain.pem")));
        assertEquals(
                List.of(simulator.ca().issuing()),
                parse(outcome.files().contents().get("chain.pem")));
        assertEquals(
                List.of(simulator.ca().root()), parse(outcome.files().contents().get("root.pem")));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("DigiCert issued the duplicate at once")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Issued serial " + result.serialNumber())), log.toString());
    }

    @Test
    void summaryFileHoldsTheResult() throws Exception {
        DuplicateOutcome outcome = run(options().build());
        JsonNode json = new ObjectMapper().readTree(outcome.files().contents().get("duplicate.json"));
        DuplicateResult result = outcome.result();
        assertEquals("issued", json.path("status").asText());
        assertEquals(1234567, json.path("orderId").asLong());
        assertEquals(
                result.certificateId().longValue(), json.path("certificateId").asLong());
        assertEquals(result.sha256Fingerprint(), json.path("sha256Fingerprint").asText());
        assertEquals(result.notAfter(), json.path("notAfter").asText());
        assertEquals(
                result.requestIds().get(0).longValue(),
                json.path("requestIds").get(0).asLong());
    }

    @Test
    void namesComeFromTheOrderWhenNotGiven() throws Exception {
        DuplicateOutcome outcome = run(options().build());

        assertEquals(3, simulator.requestCount());
        assertEquals(1, simulator.requestCount(Endpoint.ORDER_DETAILS));
        assertEquals("example.com", outcome.result().commonName());
        String body = java.util.Objects.requireNonNull(
                        simulator.requests().get(2).getBody())
                .utf8();
        assertTrue(body.contains("\"common_name\":\"example.com\""), body);
        assertTrue(body.contains("\"dns_names\":[\"example.com\",\"www.example.com\"]"), body);
    }

    @Test
    void nameThatIsNotOnTheOrderFailsBeforeSending() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> run(options().commonName("other.example.org").build()));
        assertTrue(e.getMessage().contains("'other.example.org' is not a name of order 1234567"), e.getMessage());
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void movingASanIntoTheCommonNameNeedsAMultiDomainOrder() throws Exception {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> run(options().commonName("www.example.com").build()));
        assertTrue(
                e.getMessage().contains("only a multi-domain order may move a SAN into the common name"),
                e.getMessage());

        simulator.addOrder(777, "ssl_multi_domain", "example.com", "www.example.com", "api.example.com");
        DuplicateOutcome outcome = run(
                DuplicateOptions.builder("777").commonName("www.example.com").build());
        assertEquals("www.example.com", outcome.result().commonName());
    }

    @Test
    void wildcardOrderMayAddSubdomains() throws Exception {
        simulator.addOrder(888, "ssl_wildcard", "*.example.com", "*.example.com", "example.com");
        TestCsr csr = TestCsrs.rsa("*.example.com");
        DuplicateOutcome outcome = run(
                DuplicateOptions.builder("888")
                        .dnsNames(List.of("*.example.com", "example.com", "shop.example.com"))
                        .build(),
                csr);
        assertEquals(DuplicateResult.ISSUED, outcome.result().status());

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> run(
                        DuplicateOptions.builder("888")
                                .dnsNames(List.of("*.example.com", "example.com", "a.b.example.com"))
                                .build(),
                        csr));
        assertTrue(e.getMessage().contains("'a.b.example.com' is not a name of order 888"), e.getMessage());
    }

    @Test
    void droppingANameIsRefusedExceptForFlex() throws Exception {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> run(options().dnsNames(List.of("example.com")).build()));
        assertTrue(e.getMessage().contains("'www.example.com' of order 1234567 is missing"), e.getMessage());

        simulator.addOrder(999, "ssl_basic", "example.com", "www.example.com");
        DuplicateOutcome outcome = run(
                DuplicateOptions.builder("999").dnsNames(List.of("example.com")).build());
        assertEquals(List.of("example.com"), outcome.result().dnsNames());
    }

    @Test
    void warnsWhenTheCsrAsksForOtherNames() throws Exception {
        TestCsr csr = TestCsrs.rsa("old.example.net", "old.example.net");
        DuplicateOutcome outcome = run(options().build(), csr);
        List<String> warnings = outcome.result().warnings();
        assertTrue(warnings.get(0).contains("The CSR's common name 'old.example.net' differs"), warnings.toString());
        assertTrue(warnings.get(1).contains("The CSR asks for [old.example.net]"), warnings.toString());
        assertTrue(log.contains("WARNING: " + warnings.get(0)), log.toString());
    }

    @Test
    void warnsWhenTheDuplicateIsCappedBelowTheOrdersEnd() throws Exception {
        simulator.addOrder(
                555, "ssl_plus", LocalDate.now(ZoneOffset.UTC).plusYears(3), "example.com", "www.example.com");
        DuplicateOutcome outcome = run(DuplicateOptions.builder("555").build());
        assertTrue(
                outcome.result().warnings().stream()
                        .anyMatch(w -> w.contains("caps public TLS certificates at 397 days")),
                outcome.result().warnings().toString());

        simulator.addOrder(
                556, "ssl_plus", LocalDate.now(ZoneOffset.UTC).plusDays(100), "example.com", "www.example.com");
        assertEquals(
                List.of(), run(DuplicateOptions.builder("556").build()).result().warnings());
    }

    @Test
    void pendingThenIssuedPollsAndDownloadsByCertificateId() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(3));

        DuplicateOutcome outcome = run(options().build());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(0, simulator.requestCount(Endpoint.REQUEST_DETAILS), "the list says all");
        assertEquals(1 + 3, simulator.requestCount(Endpoint.LIST_DUPLICATES), "one before sending, three checks");
        assertEquals(1, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
        String download =
                simulator.requests().get(simulator.requestCount() - 1).getUrl().encodedPath();
        assertEquals(
                "/services/v2/certificate/" + outcome.result().certificateId() + "/download/format/pem_all", download);
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(22500)), time.sleeps());
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.matches("Request \\d+ is pending; next check at 12:00:10 UTC \\(in 10 s.*")),
                log.toString());
        assertEquals(
                List.of("certificate.pem", "chain.pem", "fullchain.pem", "root.pem", "duplicate.json"),
                outcome.result().files());
    }

    @Test
    void rejectedRequestIsAClearError() throws Exception {
        simulator.setIssuance(Issuance.pendingThenRejected(2));
        DuplicateRejectedException e = assertThrows(
                DuplicateRejectedException.class, () -> run(options().build()));
        assertTrue(e.getMessage().startsWith("DigiCert rejected the duplicate request 5"), e.getMessage());
        assertTrue(e.getMessage().contains("for order 1234567"), e.getMessage());
    }

    @Test
    void rejectionIsSeenEvenWhileTheListDoesNotShowTheRequest() throws Exception {
        simulator.setIssuance(Issuance.pendingThenRejected(2));
        simulator.setListingHidesPending(true);
        assertThrows(DuplicateRejectedException.class, () -> run(options().build()));
        // before sending, the list; first check: the list (poll 1) hides the pending entry, so the request is asked
        // (poll 2): rejected
        assertEquals(2, simulator.requestCount(Endpoint.LIST_DUPLICATES));
        assertEquals(1, simulator.requestCount(Endpoint.REQUEST_DETAILS));
    }

    @Test
    void issuanceIsSeenWhenTheListShowsOnlyIssuedEntries() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        simulator.setListingHidesPending(true);
        assertEquals(DuplicateResult.ISSUED, run(options().build()).result().status());
    }

    @Test
    void timeoutNamesOrderAndRequest() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        DuplicateOptions options = options()
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(10)))
                .build();
        IssuanceTimeoutException e = assertThrows(IssuanceTimeoutException.class, () -> run(options));
        assertTrue(
                e.getMessage()
                        .matches(
                                "DigiCert did not issue the duplicate within 10 min\\. Order 1234567, request \\d+ is still pending.*"),
                e.getMessage());
        assertEquals(Duration.ofMinutes(10), time.elapsed());
        // one before sending; checks at 10, 15, 22.5, 33.75, 50.6 s (131.9 s), seven 60 s steps (551.9 s), a last
        // check at 600 s
        assertEquals(1 + 13, simulator.requestCount(Endpoint.LIST_DUPLICATES));
    }

    @Test
    void notWaitingReturnsThePendingRequest() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        DuplicateOutcome outcome = run(options().waitPolicy(WaitPolicy.NO_WAIT).build());
        assertEquals(DuplicateResult.PENDING, outcome.result().status());
        assertEquals(1, outcome.result().requestIds().size());
        assertNull(outcome.result().certificateId());
        assertEquals(List.of("duplicate.json"), outcome.files().names());
        assertEquals(0, simulator.requestCount(Endpoint.REQUEST_DETAILS));
    }

    @Test
    void droppedAnswerToThePostIsFoundInTheListingAndNotSentTwice() throws Exception {
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());

        DuplicateOutcome outcome = run(options().build());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertEquals(2, simulator.requestCount(Endpoint.LIST_DUPLICATES), "one before sending, one after");
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("Found it: DigiCert did receive the request")), log.toString());
    }

    @Test
    void droppedAnswerWhilePendingWaitsOnTheListing() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(3));
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());

        DuplicateOutcome outcome = run(options().build());

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(List.of(), outcome.result().requestIds(), "the dropped answer carried the request id");
        assertEquals(0, simulator.requestCount(Endpoint.REQUEST_DETAILS));
        assertEquals(1 + 3, simulator.requestCount(Endpoint.LIST_DUPLICATES), "one before sending");
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("The duplicate is pending (its request id was lost")),
                log.toString());
    }

    @Test
    void fourCertificateChainOutOfOrderIsPutInOrder() throws Exception {
        simulator.setFourCertificateChainOutOfOrder(true);
        DuplicateOutcome outcome = run(options().build());
        List<X509Certificate> fullchain = parse(outcome.files().contents().get("fullchain.pem"));
        assertEquals(
                List.of(simulator.ca().issuing(), simulator.ca().crossSignedRoot()),
                fullchain.subList(1, fullchain.size()));
        assertEquals(
                List.of(simulator.ca().oldRoot()),
                parse(outcome.files().contents().get("root.pem")));
    }

    @Test
    void listingThatRepeatsEntriesStillYieldsOneCertificate() throws Exception {
        simulator.setListingRepeatsEntries(true);
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        DuplicateOutcome outcome = run(options().build());
        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
    }

    @Test
    void plainLfAnswersWorkToo() throws Exception {
        simulator.setCrlfAndEscapedSlashes(false);
        assertEquals(DuplicateResult.ISSUED, run(options().build()).result().status());
    }

    @Test
    void badCsrFailsBeforeAnyCall() throws Exception {
        assertThrows(
                io.jenkins.plugins.digicert.pki.CsrException.class,
                () -> Duplicator.run(
                        ApiKey.of(CertCentralSimulator.API_KEY),
                        settings(),
                        options().build(),
                        "not a csr".getBytes(StandardCharsets.US_ASCII),
                        log::add));
        assertEquals(0, simulator.requestCount());
    }

    @Test
    void certCentralErrorsPassThrough() {
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> run(DuplicateOptions.builder("4040404").build()));
        assertEquals(404, e.status());
    }

    @Test
    void abortWhileWaitingStopsPromptly() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        ClientSettings realTime =
                settings().withTime(TimeSource.SYSTEM, () -> 0.5).withRateLimiters(RateLimiters.unlimited());
        DuplicateOptions options =
                options().waitPolicy(WaitPolicy.of(true, Duration.ofHours(1))).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread build = new Thread(() -> {
            try {
                Duplicator.run(ApiKey.of(CertCentralSimulator.API_KEY), realTime, options, CSR.bytes(), lines::add);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        // Bounded, and over as soon as the build thread ends: a run that fails before waiting must fail the test,
        // not hang it.
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (build.isAlive()
                && System.nanoTime() - giveUp < 0
                && lines.stream().noneMatch(l -> l.contains("next check at"))) {
            Thread.sleep(10);
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("next check at")),
                "the run never started waiting: " + lines + " " + thrown.get());
        long interruptedAt = System.nanoTime();
        build.interrupt();
        build.join(5000);
        assertTrue(!build.isAlive(), "the wait did not stop");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertTrue(Duration.ofNanos(System.nanoTime() - interruptedAt).toMillis() < 5000);
    }

    @Test
    void filesAreWrittenWhole(@TempDir Path dir) throws Exception {
        DuplicateOutcome outcome = run(options().build());
        OutputWriter.write(dir, outcome.files().contents());
        for (String name : outcome.result().files()) {
            assertArrayEquals(outcome.files().contents().get(name), Files.readAllBytes(dir.resolve(name)));
        }
        String leaf = Files.readString(dir.resolve("certificate.pem"));
        assertTrue(leaf.startsWith("-----BEGIN CERTIFICATE-----\n") && !leaf.contains("\r"), leaf);
        assertEquals(
                Pem.certificate(
                        parse(outcome.files().contents().get("certificate.pem")).get(0)),
                leaf);
    }

    static List<X509Certificate> parse(byte[] pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate :
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
