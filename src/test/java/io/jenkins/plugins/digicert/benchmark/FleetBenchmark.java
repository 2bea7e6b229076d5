package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimit;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 2: a fleet renewal. Many duplicates for as many orders from a pool of threads sharing one API key,
 * against a simulator that enforces CertCentral's two rolling windows scaled down in time.
 */
final class FleetBenchmark {

    /** CertCentral's 100 per 5 s and 1000 per 3 min, ten times faster. */
    static final List<RateLimit> SCALED_LIMITS = scaled(10);

    /** CertCentral's limits with windows {@code speedUp} times shorter. */
    static List<RateLimit> scaled(int speedUp) {
        return RateLimit.CERTCENTRAL.stream()
                .map(limit -> new RateLimit(limit.permits(), limit.window().dividedBy(speedUp)))
                .toList();
    }

    record Result(
            int speedUp,
            boolean namesGiven,
            String limiter,
            int duplicates,
            int threads,
            int succeeded,
            int calls,
            int rateLimited,
            Duration wall,
            Duration minimum) {

        double ratio() {
            return (double) wall.toNanos() / minimum.toNanos();
        }
    }

    private FleetBenchmark() {}

    static Result run(TestCa ca, int duplicates, int threads, boolean limiterOn, boolean namesGiven, int speedUp)
            throws Exception {
        List<RateLimit> limits = scaled(speedUp);
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.setRateLimits(limits);
            List<byte[]> csrs = new ArrayList<>();
            for (int i = 0; i < duplicates; i++) {
                String name = "host" + i + ".example.com";
                simulator.addOrder(100_000 + i, "ssl_plus", name, "www." + name);
                csrs.add(TestCsrs.of(TestKeys.ec("secp256r1"), name, List.of(name))
                        .bytes());
            }
            ClientSettings settings = ClientSettings.defaults()
                    .withBaseUrl(simulator.baseUrl())
                    .withRetryPolicy(RetryPolicy.DEFAULT)
                    .withRateLimiters(
                            limiterOn
                                    ? new RateLimiters(limits, io.jenkins.plugins.digicert.time.TimeSource.SYSTEM)
                                    : RateLimiters.unlimited());
            ApiKey key = ApiKey.of(CertCentralSimulator.API_KEY);
            AtomicInteger succeeded = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < duplicates; i++) {
                    int order = 100_000 + i;
                    byte[] csr = csrs.get(i);
                    done.add(pool.submit(() -> {
                        DuplicateOptions.Builder options = DuplicateOptions.builder(String.valueOf(order));
                        if (namesGiven) {
                            String name = "host" + (order - 100_000) + ".example.com";
                            options.commonName(name).dnsNames(List.of(name, "www." + name));
                        }
                        Duplicator.run(key, settings, options.build(), csr, l -> {});
                        succeeded.incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    try {
                        future.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // counted as not succeeded; the limiter-off run is expected to lose some
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            if (!simulator.violations().isEmpty()) {
                throw new IllegalStateException("protocol violations: " + simulator.violations());
            }
            int admitted = simulator.requestCount() - simulator.rateLimitedCount();
            return new Result(
                    speedUp,
                    namesGiven,
                    limiterOn ? "on" : "off",
                    duplicates,
                    threads,
                    succeeded.get(),
                    simulator.requestCount(),
                    simulator.rateLimitedCount(),
                    wall,
                    minimumWall(admitted, limits));
        }
    }

    /**
     * The earliest moment the last of {@code calls} calls can start under the limits: call k (from 0) cannot
     * start before floor(k / permits) windows have passed, for every limit.
     */
    static Duration minimumWall(int calls, List<RateLimit> limits) {
        long nanos = 0;
        for (RateLimit limit : limits) {
            nanos = Math.max(
                    nanos,
                    (long) ((calls - 1) / limit.permits()) * limit.window().toNanos());
        }
        return Duration.ofNanos(nanos);
    }
}
