package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimit;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.IssuanceTimeoutException;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "issued at once, names given", count(ca, Issuance.IMMEDIATE, true, policy), 1, "the duplicate POST"));
        rows.add(new Row(
                "issued at once, names from the order",
                count(ca, Issuance.IMMEDIATE, false, policy),
                2,
                "order details + POST"));
        WaitPolicy halfAnHour = WaitPolicy.of(true, Duration.ofMinutes(30));
        for (int polls : new int[] {1, 5, 20}) {
            rows.add(new Row(
                    "pending, issued after " + polls + " poll" + (polls == 1 ? "" : "s"),
                    count(ca, Issuance.pendingThenIssued(polls), true, halfAnHour),
                    polls + 2,
                    "POST + " + polls + " list check" + (polls == 1 ? "" : "s") + " + download; " + schedule));
        }
        WaitPolicy tenMinutes = WaitPolicy.of(true, Duration.ofMinutes(10));
        rows.add(new Row(
                "pending for 10 minutes, timed out",
                count(ca, Issuance.NEVER, true, tenMinutes),
                2,
                "minimum: POST + one check at the deadline; a fixed 10 s poll would make 61; " + schedule));
        return rows;
    }

    private static int count(TestCa ca, Issuance issuance, boolean namesGiven, WaitPolicy policy) throws Exception {
        ManualTime time = new ManualTime();
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
            simulator.setIssuance(issuance);
            ClientSettings settings = ClientSettings.defaults()
                    .withBaseUrl(simulator.baseUrl())
                    .withRateLimiters(new RateLimiters(RateLimit.CERTCENTRAL, time))
                    .withTime(time, () -> 0.5);
            DuplicateOptions.Builder options =
                    DuplicateOptions.builder("1234567").waitPolicy(policy);
            if (namesGiven) {
                options.commonName("example.com").dnsNames(List.of("example.com", "www.example.com"));
            }
            try {
                Duplicator.run(
                        ApiKey.of(CertCentralSimulator.API_KEY),
                        settings,
                        options.build(),
                        TestCsrs.rsa("example.com").bytes(),
                        line -> {});
            } catch (IssuanceTimeoutException expected) {
                // the timed-out case ends here by design
            }
            if (!simulator.violations().isEmpty()) {
                throw new IllegalStateException("protocol violations: " + simulator.violations());
            }
            return simulator.requestCount();
        }
    }
}
