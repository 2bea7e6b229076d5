package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code reuseDaysLeft}: an issued duplicate of the same key, for the same names, valid long enough, serves instead
 * of a new request; anything else is requested anew, and the console says why.
 */
@ExtendWith(SimulatorExtension.class)
class ReuseTest {

    private static final long ORDER = 1234567;
    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");
    private static final List<String> NAMES = List.of("example.com", "www.example.com");

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
        // CertCentral's clock and the step's are this machine's now: the certificates made here are checked as
        // real ones, valid from a day ago.
        time.advance(Duration.between(time.now(), Instant.now()));
        simulator.setClock(time::now);
    }

    private DuplicateOutcome run(int reuseDaysLeft) throws Exception {
        return run(reuseDaysLeft, CSR);
    }

    private DuplicateOutcome run(Integer reuseDaysLeft, TestCsrs.TestCsr csr) throws Exception {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(time, () -> 0.5);
        DuplicateOptions options = DuplicateOptions.builder(String.valueOf(ORDER))
                .reuseDaysLeft(reuseDaysLeft)
                .build();
        return Duplicator.run(ApiKey.of(CertCentralSimulator.API_KEY), settings, options, csr.bytes(), log::add);
    }

    private LocalDate today() {
        return time.now().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** An earlier duplicate of this CSR, made {@code ago}, valid until noon of the day {@code daysLeft} from today. */
    private long earlier(Duration ago, long daysLeft, String status, List<String> names) {
        return simulator.addEarlierDuplicate(
                ORDER,
                CSR.pem(),
                time.now().minus(ago),
                today().plusDays(daysLeft).atTime(12, 0).toInstant(ZoneOffset.UTC),
                status,
                names);
    }

    private long earlier(long daysLeft) {
        return earlier(Duration.ofDays(1), daysLeft, "issued", null);
    }

    private boolean logged(String start) {
        return log.stream().anyMatch(line -> line.startsWith(start));
    }

    @Test
    void anIssuedDuplicateOfTheSameKeyIsReusedWithoutARequest() throws Exception {
        long reusable = earlier(300);

        DuplicateOutcome outcome = run(30);

        DuplicateResult result = outcome.result();
        assertTrue(result.reused());
        assertEquals(DuplicateResult.ISSUED, result.status());
        assertEquals(reusable, result.certificateId());
        assertEquals(List.of(), result.requestIds());
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        // the order (names), the list, the download: the least the API allows for a reuse with names from the order
        assertEquals(3, simulator.requestCount());
        assertEquals(
                List.of("certificate.pem", "chain.pem", "fullchain.pem", "root.pem", "duplicate.json"), result.files());
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(outcome.files().contents().get("duplicate.json"))
                .path("reused")
                .asBoolean(false));
        String made = today().minusDays(1) + "T";
        String rest = "+00:00 with this CSR's key, valid until " + today().plusDays(300)
                + " (300 days left; reuseDaysLeft asks for 30): no new request is sent";
        assertTrue(
                log.stream()
                        .anyMatch(line -> line.startsWith(
                                        "Reusing duplicate " + reusable + " of order " + ORDER + ", made " + made)
                                && line.endsWith(rest)),
                log::toString);
    }

    @Test
    void anotherCsrOfTheSameKeyReusesToo() throws Exception {
        long reusable = earlier(300);
        TestCsrs.TestCsr sameKey = TestCsrs.of(CSR.keys(), "www.example.com", NAMES);

        DuplicateOutcome outcome = run(30, sameKey);

        assertEquals(reusable, outcome.result().certificateId());
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void nothingWithThisKeyIsRequestedAnew() throws Exception {
        simulator.addEarlierDuplicate(
                ORDER,
                TestCsrs.rsa("example.com", "example.com").pem(),
                time.now().minus(Duration.ofDays(2)));

        DuplicateOutcome outcome = run(30);

        assertFalse(outcome.result().reused());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                log.contains("Nothing to reuse: no duplicate of order " + ORDER + " with this CSR's key: requesting a "
                        + "new one"),
                log::toString);
    }

    @Test
    void aDuplicateEndingTooSoonIsNotReused() throws Exception {
        long ending = earlier(29);

        DuplicateOutcome outcome = run(30);

        assertFalse(outcome.result().reused());
        assertTrue(outcome.result().certificateId() != ending);
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                log.contains("Nothing to reuse: the duplicates of order " + ORDER + " with this CSR's key end too soon "
                        + "(the longest valid, " + ending + ", is valid until " + today().plusDays(29)
                        + ", 29 days from now; reuseDaysLeft asks for 30): requesting a new one"),
                log::toString);
    }

    @Test
    void exactlyTheDaysAskedForIsEnough() throws Exception {
        long exactly = earlier(30);

        DuplicateOutcome outcome = run(30);

        assertEquals(exactly, outcome.result().certificateId());
        assertTrue(outcome.result().reused());
    }

    @Test
    void anExpiredDuplicateIsNotReused() throws Exception {
        earlier(Duration.ofDays(400), -3, "issued", null);

        assertFalse(run(1).result().reused());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void ofSeveralTheOneValidLongestThenTheNewestIsReused() throws Exception {
        earlier(Duration.ofDays(30), 100, "issued", null);
        earlier(Duration.ofDays(20), 200, "issued", null);
        long newest = earlier(Duration.ofDays(10), 200, "issued", null);
        earlier(Duration.ofDays(5), 150, "issued", null);

        assertEquals(newest, run(30).result().certificateId());
    }

    @Test
    void aDuplicateForOtherNamesIsNotReusedAndTheConsoleSaysWhy() throws Exception {
        long otherNames = earlier(Duration.ofDays(1), 300, "issued", List.of("example.com"));

        DuplicateOutcome outcome = run(30);

        assertFalse(outcome.result().reused());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                log.contains("Duplicate " + otherNames + " of order " + ORDER + " has this CSR's key but secures "
                        + "[example.com], not the requested [example.com, www.example.com]: not reused"),
                log::toString);
        assertTrue(
                logged("Nothing to reuse: the issued duplicates of order " + ORDER + " with this CSR's key secure "
                        + "other names: requesting a new one"),
                log::toString);
    }

    @Test
    void aPendingOrRejectedDuplicateOfTheSameKeyIsNeverReused() throws Exception {
        earlier(Duration.ofDays(1), 300, "pending", null);
        earlier(Duration.ofDays(2), 300, "rejected", null);

        DuplicateOutcome outcome = run(30);

        assertFalse(outcome.result().reused());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                logged("Nothing to reuse: the duplicates of order " + ORDER + " with this CSR's key are not issued"),
                log::toString);
    }

    @Test
    void withoutTheOptionNothingIsReused() throws Exception {
        earlier(300);

        DuplicateOutcome outcome = run(null, CSR);

        assertFalse(outcome.result().reused());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertFalse(logged("Nothing to reuse"), log::toString);
    }

    @Test
    void daysOutsideDigiCertsRangeAndTheCombinationWithRequestIdAreRefused() {
        for (int days : new int[] {0, -1, 398}) {
            InvalidInputException e = assertThrows(
                    InvalidInputException.class,
                    () -> DuplicateOptions.builder("1").reuseDaysLeft(days).build());
            assertEquals(
                    "reuseDaysLeft must be a whole number of days from 1 to 397 (DigiCert's longest duplicate), or "
                            + "empty to request a new duplicate every time, not " + days + ".",
                    e.getMessage());
        }
        InvalidInputException both = assertThrows(
                InvalidInputException.class,
                () -> DuplicateOptions.builder("1")
                        .reuseDaysLeft(30)
                        .requestId("500000")
                        .build());
        assertTrue(both.getMessage().startsWith("Give requestId or reuseDaysLeft, not both"), both.getMessage());
        assertEquals(0, simulator.requestCount());
    }
}
