package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one call the Jenkins layer makes: the order of its steps, and where the files belong. */
@ExtendWith(SimulatorExtension.class)
class DuplicatorTest {

    private static final byte[] CSR =
            TestCsrs.rsa("example.com", "example.com", "www.example.com").bytes();
    private static final WaitPolicy WAITING =
            WaitPolicy.DEFAULT.withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1));

    private CertCentralSimulator simulator;
    private final List<String> steps = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final DuplicateRecords records = DuplicateRecords.inMemory();

    @BeforeEach
    void order(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
    }

    private DuplicateOutcome run(StepParameters parameters) throws Exception {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(new ManualTime(), () -> 0.5);
        return Duplicator.run(
                parameters,
                WAITING,
                settings,
                () -> {
                    steps.add("key");
                    return ApiKey.of(CertCentralSimulator.API_KEY);
                },
                path -> {
                    steps.add("csr " + path);
                    return CSR;
                },
                records,
                log::add);
    }

    private static StepParameters parameters(String orderId, String csrFile, String outputDir, Integer timeout) {
        return new StepParameters(orderId, csrFile, null, null, null, null, null, outputDir, true, timeout, null);
    }

    @Test
    void checksEveryParameterBeforeTheKeyTheCsrAndCertCentral() {
        for (StepParameters bad : List.of(
                parameters("12ab", "tls/server.csr", null, null),
                parameters("1234567", "../server.csr", null, null),
                parameters("1234567", "tls/server.csr", "/srv/out", null),
                parameters("1234567", "tls/server.csr", null, 0))) {
            assertThrows(InvalidInputException.class, () -> run(bad), bad::toString);
        }
        assertEquals(List.of(), steps, "the key or the CSR was asked for");
        assertEquals(0, simulator.requestCount(), "CertCentral was called");
    }

    @Test
    void aRefusedKeyStopsBeforeTheCsrIsRead() {
        StepParameters parameters = parameters("1234567", "tls/server.csr", null, null);
        InvalidInputException refused = new InvalidInputException("No Secret text credential with the ID 'x'");
        assertThrows(
                InvalidInputException.class,
                () -> Duplicator.run(
                        parameters,
                        WAITING,
                        ClientSettings.defaults().withBaseUrl(simulator.baseUrl()),
                        () -> {
                            throw refused;
                        },
                        path -> {
                            steps.add("csr");
                            return CSR;
                        },
                        records,
                        log::add));
        assertEquals(List.of(), steps);
        assertEquals(0, simulator.requestCount());
    }

    @Test
    void readsTheCheckedPathAndPlacesTheFilesInTheDefaultDirectory() throws Exception {
        DuplicateOutcome outcome = run(parameters(" 1234567 ", "tls\\server.csr", null, null));

        assertEquals(List.of("key", "csr tls/server.csr"), steps);
        assertEquals(Defaults.OUTPUT_DIR, outcome.outputDir());
        assertEquals(
                outcome.files().names().stream()
                        .map(name -> Defaults.OUTPUT_DIR + "/" + name)
                        .toList(),
                outcome.workspacePaths());
        assertTrue(
                log.get(0).startsWith("DigiCert: duplicating order 1234567 with the CSR tls/server.csr"),
                log::toString);
    }

    @Test
    void theWorkspaceItselfAsOutputDirectory() throws Exception {
        DuplicateOutcome outcome = run(parameters("1234567", "server.csr", "./", null));

        assertEquals(".", outcome.outputDir());
        assertEquals(outcome.files().names(), outcome.workspacePaths());
    }

    @Test
    void theStepsTimeoutWinsOverTheConfiguredOne() throws Exception {
        simulator.setIssuance(Issuance.NEVER);

        IssuanceTimeoutException e =
                assertThrows(IssuanceTimeoutException.class, () -> run(parameters("1234567", "s.csr", null, 2)));

        assertTrue(e.getMessage().contains("2 min"), e.getMessage());
    }

    private ClientSettings settings(ManualTime time) {
        return ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(time, () -> 0.5);
    }

    @Test
    void aWaitingDuplicateIsCheckedInPhasesAndFinishedWithItsFiles() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        ManualTime time = new ManualTime();
        DuplicateRecords records = DuplicateRecords.inMemory();
        List<String> outputDir = new ArrayList<>();
        Duplicator.KeySource key = () -> ApiKey.of(CertCentralSimulator.API_KEY);

        Duplicator.Stage stage = Duplicator.begin(
                parameters("1234567", "tls/server.csr", "out", null),
                WAITING,
                settings(time),
                key,
                path -> CSR,
                records,
                log::add,
                outputDir::add);
        assertEquals(List.of("out"), outputDir);
        assertTrue(stage.outcome().isEmpty(), "still pending");
        int checks = 0;
        while (stage.outcome().isEmpty()) {
            time.advance(Duration.between(time.now(), stage.record().nextCheck()));
            stage = Duplicator.check(stage.record(), "out", settings(time), key, records, log::add);
            checks++;
        }

        DuplicateOutcome outcome = stage.outcome().orElseThrow();
        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals("out", outcome.outputDir());
        assertTrue(outcome.workspacePaths().contains("out/fullchain.pem"), outcome.workspacePaths()::toString);
        assertEquals(
                List.of("out/certificate.pem", "out/fullchain.pem"),
                List.copyOf(outcome.fingerprints().keySet()));
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("MD5")
                                .digest(outcome.files().contents().get("fullchain.pem"))),
                outcome.fingerprints().get("out/fullchain.pem"),
                "the MD5 Jenkins' fingerprints use");
        assertEquals(2, checks);
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(List.of(stage.record()), records.all());
    }

    @Test
    void aStepThatDoesNotWaitFinishesAtOnceWithThePendingOutcome() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        StepParameters noWait =
                new StepParameters("1234567", "s.csr", null, null, null, null, null, null, false, null, null);

        Duplicator.Stage stage = Duplicator.begin(
                noWait,
                WAITING,
                settings(new ManualTime()),
                () -> ApiKey.of(CertCentralSimulator.API_KEY),
                path -> CSR,
                records,
                log::add,
                dir -> {});

        assertEquals(
                DuplicateResult.PENDING, stage.outcome().orElseThrow().result().status());
        assertEquals(
                List.of("digicert/duplicate.json"),
                stage.outcome().orElseThrow().workspacePaths());
        assertEquals(stage.record(), stage.outcome().orElseThrow().record().orElseThrow(), "so its files are noted");
        assertEquals(List.of("digicert/duplicate.json"), records.all().get(0).files(), "and kept with the build");
    }

    @Test
    void anIssuedAnswerWithAnEmptyChainEntryIsRefusedAsSuch() {
        simulator.failNext(
                io.jenkins.plugins.digicert.simulator.Endpoint.SUBMIT_DUPLICATE,
                io.jenkins.plugins.digicert.simulator.Fault.json(
                        201,
                        "{\"id\":1234567,\"requests\":[{\"id\":5}],\"certificate_id\":7,"
                                + "\"certificate_chain\":[{\"pem\":null}]}"));

        io.jenkins.plugins.digicert.DigicertException e = assertThrows(
                io.jenkins.plugins.digicert.DigicertException.class,
                () -> run(parameters("1234567", "s.csr", null, null)));

        assertTrue(!e.getMessage().startsWith("The DigiCert plugin failed unexpectedly"), e.getMessage());
    }
}
