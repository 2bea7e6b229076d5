package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
import io.jenkins.plugins.digicert.pki.Pem;
import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.UserFacing;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.HostileBodies;
import io.jenkins.plugins.digicert.simulator.HostileBodies.Shape;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole job against the simulator, with one answer that feeds the workflow replaced by a hostile one: an
 * order whose names are null, empty or not DNS names, a 201 with a garbage chain, a duplicate list whose entries
 * lack their CSR or status or carry odd ids, a request of any status. Every run ends in an outcome or in one of
 * the project's exceptions with a message a user can act on, never in "failed unexpectedly".
 */
class DuplicatorPropertyTest {

    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");
    private static final long ORDER = 1234567;

    private static CertCentralSimulator simulator;
    private static List<String> chainPems;

    @BeforeAll
    static void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
        Instant now = Instant.now();
        chainPems = List.of(
                Pem.certificate(simulator
                        .ca()
                        .issue(
                                CSR.keys().getPublic(),
                                "example.com",
                                List.of("www.example.com"),
                                now,
                                now.plusSeconds(86_400))),
                Pem.certificate(simulator.ca().issuing()),
                Pem.certificate(simulator.ca().root()));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    /** A name as an order may hold it: its own, another case, a wildcard, not a DNS name at all. */
    private static final Shape NAME = random -> "\""
            + Gen.jsonString(Gen.oneOf(
                    random,
                    List.of(
                            "example.com",
                            "www.example.com",
                            "EXAMPLE.COM",
                            "*.example.com",
                            "other.example.org",
                            "",
                            " ",
                            "not a dns name",
                            "exa\u0000mple.com",
                            "ex\u00e4mple.com",
                            "x".repeat(300))))
            + "\"";

    private static final Shape ORDER_ANSWER = HostileBodies.object(
            "id",
            HostileBodies.ID,
            "status",
            HostileBodies.TEXT,
            "certificate",
            HostileBodies.object("common_name", NAME, "dns_names", HostileBodies.listOf(NAME), "valid_till", (Shape)
                    random -> Gen.oneOf(
                            random, List.of("\"2027-01-01\"", "\"2027-01-01T00:00:00Z\"", "\"soon\"", "\"\""))),
            "product",
            HostileBodies.object("name_id", (Shape) random ->
                    Gen.oneOf(random, List.of("\"ssl_plus\"", "\"ssl_multi_domain\"", "\"ssl_basic\"", "\"\""))));

    /** A chain entry's PEM: this build's real chain, transported, cut or damaged, or garbage. */
    private static final Shape PEM = random -> {
        String pem = Gen.oneOf(random, chainPems);
        String text =
                switch (random.nextInt(5)) {
                    case 0 -> pem.replace("\n", "\r\n");
                    case 1 -> pem.substring(0, random.nextInt(pem.length()));
                    case 2 -> pem.replace("-----END CERTIFICATE-----", "");
                    case 3 -> Gen.ascii(random, 100);
                    default -> pem;
                };
        String json = Gen.jsonString(text);
        return "\"" + (random.nextBoolean() ? json : json.replace("\\/", "/")) + "\"";
    };

    /** An entry's CSR: this build's (so the waiter takes the entry for its own), mangled, or another text. */
    private static final Shape LISTED_CSR = random -> "\""
            + Gen.jsonString(
                    switch (random.nextInt(4)) {
                        case 0, 1 -> CSR.pem();
                        case 2 -> CSR.pem().replace("\n", "\r\n");
                        default -> Gen.ascii(random, 60);
                    })
            + "\"";

    record Run(Endpoint endpoint, String body, int copies, Issuance issuance, boolean listingHidesPending) {
        @Override
        public String toString() {
            return copies + " x " + endpoint + ", " + issuance + (listingHidesPending ? ", listing hides pending" : "")
                    + ": " + body;
        }
    }

    static Run run(Random random) {
        Endpoint endpoint = Gen.oneOf(
                random,
                List.of(
                        Endpoint.ORDER_DETAILS,
                        Endpoint.SUBMIT_DUPLICATE,
                        Endpoint.LIST_DUPLICATES,
                        Endpoint.REQUEST_DETAILS));
        Shape shape =
                switch (endpoint) {
                    case ORDER_DETAILS -> ORDER_ANSWER;
                    case SUBMIT_DUPLICATE -> HostileBodies.duplicateAnswer(PEM);
                    case LIST_DUPLICATES -> HostileBodies.listing(LISTED_CSR);
                    default -> HostileBodies.REQUEST;
                };
        Issuance issuance = endpoint == Endpoint.ORDER_DETAILS || endpoint == Endpoint.SUBMIT_DUPLICATE
                ? Gen.oneOf(random, List.of(Issuance.IMMEDIATE, Issuance.pendingThenIssued(2)))
                : Gen.oneOf(random, List.of(Issuance.pendingThenIssued(3), Issuance.pendingThenRejected(3)));
        return new Run(
                endpoint,
                HostileBodies.body(random, shape),
                1 + random.nextInt(3),
                issuance,
                endpoint == Endpoint.REQUEST_DETAILS);
    }

    @Test
    void everyRunEndsInAnOutcomeOrAnExceptionTheUserCanActOn() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> ForAll.check(DuplicatorPropertyTest::run, this::runJob));
    }

    private void runJob(Run run) throws Exception {
        simulator.setIssuance(run.issuance());
        simulator.setListingHidesPending(run.listingHidesPending());
        for (int i = 0; i < run.copies(); i++) {
            simulator.failNext(
                    run.endpoint(), Fault.json(run.endpoint() == Endpoint.SUBMIT_DUPLICATE ? 201 : 200, run.body()));
        }
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withRetryPolicy(RetryPolicy.DEFAULT)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withTime(new ManualTime(), () -> 0.5);
        DuplicateOptions options = DuplicateOptions.builder(String.valueOf(ORDER))
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(5)))
                .build();
        List<String> log = new ArrayList<>();
        try {
            DuplicateOutcome outcome =
                    Duplicator.run(ApiKey.of(CertCentralSimulator.API_KEY), settings, options, CSR.bytes(), log::add);
            assertNotNull(outcome.result());
        } catch (DigicertException e) {
            UserFacing.assertUserFacing(e);
        } finally {
            simulator.clearFaults(run.endpoint());
            simulator.setListingHidesPending(false);
        }
    }
}
