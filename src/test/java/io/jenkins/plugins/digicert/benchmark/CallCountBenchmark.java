package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimit;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.IssuanceTimeoutException;
import io.jenkins.plugins.digicert.duplicate.RequestUnconfirmedException;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
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
import java.util.function.Consumer;

/**
 * Part 1: API calls per duplicate, counted by the simulator, for the cases a user meets. Waiting runs on a
 * manual clock, so the 10-minute case takes no real time.
 */
final class CallCountBenchmark {

    record Row(String scenario, int calls, int minimum, String note) {}

    private CallCountBenchmark() {}

    static List<Row> run(TestCa ca) throws Exception {
        WaitPolicy policy = WaitPolicy.DEFAULT;
        String schedule = "checks after " + policy.firstInterval().toSeconds() + " s, each interval x1.5, at most "
                + policy.maxInterval().toSeconds() + " s apart";
        String before = "list (the entries this CSR already has, so that none is ever taken for this request's)";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "issued at once, names given",
                count(ca, simulator -> {}, true, policy),
                1,
                "minimum: the duplicate POST; here " + before + " + POST"));
        rows.add(new Row(
                "issued at once, names from the order",
                count(ca, simulator -> {}, false, policy),
                2,
                "order details + " + before + " + POST"));
        WaitPolicy halfAnHour = WaitPolicy.of(true, Duration.ofMinutes(30));
        for (int polls : new int[] {1, 5, 20}) {
            rows.add(new Row(
                    "pending, issued after " + polls + " poll" + (polls == 1 ? "" : "s"),
                    count(ca, simulator -> simulator.setIssuance(Issuance.pendingThenIssued(polls)), true, halfAnHour),
                    polls + 2,
                    "list + POST + " + polls + " list check" + (polls == 1 ? "" : "s") + " + download; " + schedule));
        }
        WaitPolicy tenMinutes = WaitPolicy.of(true, Duration.ofMinutes(10));
        rows.add(new Row(
                "pending for 10 minutes, timed out",
                count(ca, simulator -> simulator.setIssuance(Issuance.NEVER), true, tenMinutes),
                2,
                "minimum: POST + one check at the deadline; a fixed 10 s poll would make 61; " + schedule));
        rows.add(new Row(
                "answer to the POST lost, the list 5 s behind",
                count(
                        ca,
                        simulator -> {
                            simulator.setListingLag(Duration.ofSeconds(5));
                            simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());
                        },
                        true,
                        policy),
                3,
                "minimum: POST + one look in the list + download; here list + POST + looks at 0, 2 and 5 s + "
                        + "download"));
        rows.add(new Row(
                "answer to the POST lost, the request never arrived",
                count(
                        ca,
                        simulator -> simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.htmlPage(503)),
                        true,
                        policy),
                2,
                "minimum: POST + one look; here list + POST + 11 looks in 2 minutes (2 s, each pause x1.5, at most "
                        + "20 s), then the step fails without sending again"));
        rows.add(new Row(
                "an issued duplicate of this key reused, names given",
                count(
                        ca,
                        simulator -> simulator.addEarlierDuplicate(
                                1234567, CSR.pem(), java.time.Instant.now().minus(Duration.ofDays(1))),
                        true,
                        policy,
                        30),
                2,
                "reuseDaysLeft: list + download of the reused certificate; no POST"));
        rows.add(new Row(
                "requestId collected, already issued",
                countCollect(ca),
                2,
                "minimum: list + download; here request (its date tells its entry from others with the CSR) + "
                        + "list + download"));
        return rows;
    }

    private static int count(TestCa ca, Consumer<CertCentralSimulator> scenario, boolean namesGiven, WaitPolicy policy)
            throws Exception {
        return count(ca, scenario, namesGiven, policy, null);
    }

    private static int count(
            TestCa ca,
            Consumer<CertCentralSimulator> scenario,
            boolean namesGiven,
            WaitPolicy policy,
            Integer reuseDaysLeft)
            throws Exception {
        ManualTime time = new ManualTime();
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
            simulator.setClock(time::now);
            scenario.accept(simulator);
            DuplicateOptions.Builder options =
                    DuplicateOptions.builder("1234567").waitPolicy(policy).reuseDaysLeft(reuseDaysLeft);
            if (namesGiven) {
                options.commonName("example.com").dnsNames(List.of("example.com", "www.example.com"));
            }
            duplicate(simulator, time, options.build());
            return simulator.requestCount();
        }
    }

    /** The calls of a later build that collects an issued request by its id, not those of the build that sent it. */
    private static int countCollect(TestCa ca) throws Exception {
        ManualTime time = new ManualTime();
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
            simulator.setClock(time::now);
            simulator.setIssuance(Issuance.pendingThenIssued(1));
            long requestId = duplicate(
                            simulator,
                            time,
                            DuplicateOptions.builder("1234567")
                                    .waitPolicy(WaitPolicy.NO_WAIT)
                                    .build())
                    .result()
                    .requestIds()
                    .get(0);
            int before = simulator.requestCount();
            duplicate(
                    simulator,
                    time,
                    DuplicateOptions.builder("1234567")
                            .requestId(String.valueOf(requestId))
                            .build());
            return simulator.requestCount() - before;
        }
    }

    private static DuplicateOutcome duplicate(CertCentralSimulator simulator, ManualTime time, DuplicateOptions options)
            throws Exception {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(new RateLimiters(RateLimit.CERTCENTRAL, time))
                .withTime(time, () -> 0.5);
        DuplicateOutcome outcome = null;
        try {
            outcome =
                    Duplicator.run(ApiKey.of(CertCentralSimulator.API_KEY), settings, options, CSR.bytes(), line -> {});
        } catch (IssuanceTimeoutException | RequestUnconfirmedException expected) {
            // the timed-out and the never-arrived cases end here by design
        }
        if (!simulator.violations().isEmpty()) {
            throw new IllegalStateException("protocol violations: " + simulator.violations());
        }
        return outcome;
    }

    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com");
}
