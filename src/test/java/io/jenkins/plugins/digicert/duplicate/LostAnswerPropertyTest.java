package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of a lagging list (0 to 4 s), lost or gateway-eaten answers to the duplicate request (after
 * DigiCert made the duplicate, or before it saw the request) and duplicates made earlier with the same CSR, some so
 * recent that the list does not show them yet when the step reads it. A step that fails for a lost answer is retried
 * in the same build, as a Pipeline {@code retry} does. Whatever happens: exactly one duplicate is made, and the
 * certificate delivered is the one this build's request produced.
 */
class LostAnswerPropertyTest {

    private static final long ORDER = 1234567;
    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");
    private static TestCa ca;

    @BeforeAll
    static void ca() {
        ca = new TestCa();
    }

    record Interleaving(
            long lagMillis,
            List<Long> earlierAgesMillis,
            String answer,
            Issuance issuance,
            boolean namesGiven,
            int stepTimeoutMinutes) {}

    private static final List<String> ANSWERS = List.of(
            "clear",
            "dropped after processing",
            "502 page after processing",
            "503 page after processing",
            "unreadable 201",
            "503 page before processing",
            "502 page before processing");

    static Interleaving interleaving(Random random) {
        return new Interleaving(
                random.nextInt(5) == 0 ? 0 : random.nextInt(4001),
                Gen.listOf(
                        random, 3, r -> r.nextBoolean() ? 2_500L + r.nextInt(5_000) : r.nextLong(1, 90L * 86_400_000)),
                Gen.oneOf(random, ANSWERS),
                Gen.oneOf(random, List.of(Issuance.IMMEDIATE, Issuance.pendingThenIssued(1 + random.nextInt(3)))),
                random.nextBoolean(),
                Gen.oneOf(random, List.of(1, 15)));
    }

    private static Fault fault(String answer) {
        return switch (answer) {
            case "dropped after processing" -> Fault.dropAfterProcessing();
            case "502 page after processing" -> Fault.afterProcessing(Fault.htmlPage(502));
            case "503 page after processing" -> Fault.afterProcessing(Fault.htmlPage(503));
            case "unreadable 201" -> Fault.afterProcessing(Fault.json(201, "{\"id\":"));
            case "503 page before processing" -> Fault.htmlPage(503);
            case "502 page before processing" -> Fault.htmlPage(502);
            default -> null;
        };
    }

    @Test
    void oneDuplicateIsMadeAndItIsTheOneDelivered() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(150), () -> ForAll.check(LostAnswerPropertyTest::interleaving, this::build));
    }

    private void build(Interleaving run) throws Exception {
        ManualTime time = new ManualTime();
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
            simulator.setClock(time::now);
            List<Long> earlier = new ArrayList<>();
            for (long age : run.earlierAgesMillis()) {
                earlier.add(simulator.addEarlierDuplicate(
                        ORDER, CSR.pem(), time.now().minusMillis(age)));
            }
            simulator.setListingLag(Duration.ofMillis(run.lagMillis()));
            simulator.setIssuance(run.issuance());
            Fault fault = fault(run.answer());
            if (fault != null) {
                simulator.failNext(Endpoint.SUBMIT_DUPLICATE, fault);
            }
            ClientSettings settings = ClientSettings.defaults()
                    .withBaseUrl(simulator.baseUrl())
                    .withRateLimiters(RateLimiters.unlimited())
                    .withTime(time, () -> 0.5);
            List<String> log = new ArrayList<>();
            DuplicateWorkflow workflow = new DuplicateWorkflow(
                    new CertCentralClient(ApiKey.of(CertCentralSimulator.API_KEY), settings, log::add), time, log::add);
            DuplicateOptions.Builder options = DuplicateOptions.builder(String.valueOf(ORDER))
                    .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(run.stepTimeoutMinutes())));
            if (run.namesGiven()) {
                options.commonName("example.com").dnsNames(List.of("example.com", "www.example.com"));
            }
            CertificateRequest csr = CsrParser.parse(CSR.bytes());
            DuplicateRecords records = DuplicateRecords.inMemory();

            DuplicateOutcome outcome;
            try {
                outcome = workflow.run(options.build(), csr, records);
            } catch (RequestUnconfirmedException lost) {
                outcome = workflow.run(options.build(), csr, records); // the Pipeline's retry
            }

            List<Long> made = simulator.requestedCertificateIds();
            assertEquals(1, made.size(), "duplicates made by this build's requests; log: " + log);
            assertEquals(made.get(0), outcome.result().certificateId(), "the certificate delivered; log: " + log);
            assertFalse(earlier.contains(outcome.result().certificateId()));
        }
    }
}
