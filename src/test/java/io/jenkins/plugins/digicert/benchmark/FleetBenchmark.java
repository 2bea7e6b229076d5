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
import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 2: a fleet renewal. Many duplicates for as many orders from a pool of threads sharing one API key,
 * against a simulator that enforces CertCentral's two rolling windows, at their real length or scaled down in
 * time, and that may add a varying network delay each way.
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

    /**
     * One row's set-up.
     *
     * @param delayMin the shortest travel time each way the simulator adds ({@link Duration#ZERO} with
     *     {@code delayMax} for loopback only)
     * @param seed the seed of the simulator's delays
     */
    record Setup(
            int speedUp,
            boolean namesGiven,
            boolean limiterOn,
            int duplicates,
            int threads,
            Duration delayMin,
            Duration delayMax,
            long seed) {

        boolean delayed() {
            return delayMax.compareTo(Duration.ZERO) > 0;
        }
    }

    /**
     * One row's figures.
     *
     * @param delayPer429 the time from a call's first 429 to its admission, divided by the 429s it received
     * @param margin the limiter's margin at the end of the row, zero without the limiter
     */
    record Result(
            Setup setup,
            int succeeded,
            int calls,
            int rateLimited,
            Duration wall,
            Duration minimum,
            Duration p50,
            Duration p99,
            Duration delayPer429,
            Duration margin) {

        double ratio() {
            return (double) wall.toNanos() / minimum.toNanos();
        }
    }

    private FleetBenchmark() {}

    static Result run(TestCa ca, Setup setup) throws Exception {
        List<RateLimit> limits = scaled(setup.speedUp());
        try (CertCentralSimulator simulator = CertCentralSimulator.start(ca)) {
            simulator.setRateLimits(limits);
            if (setup.delayed()) {
                simulator.setNetworkDelay(setup.delayMin(), setup.delayMax(), setup.seed());
            }
            List<byte[]> csrs = new ArrayList<>();
            for (int i = 0; i < setup.duplicates(); i++) {
                String name = "host" + i + ".example.com";
                simulator.addOrder(100_000 + i, "ssl_plus", name, "www." + name);
                csrs.add(TestCsrs.of(TestKeys.ec("secp256r1"), name, List.of(name))
                        .bytes());
            }
            RateLimiters limiters = setup.limiterOn() ? new RateLimiters(limits, TimeSource.SYSTEM) : null;
            ClientSettings settings = ClientSettings.defaults()
                    .withBaseUrl(simulator.baseUrl())
                    .withRetryPolicy(RetryPolicy.DEFAULT)
                    .withRateLimiters(limiters != null ? limiters : RateLimiters.unlimited());
            ApiKey key = ApiKey.of(CertCentralSimulator.API_KEY);
            AtomicInteger succeeded = new AtomicInteger();
            List<Long> times = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(setup.threads());
            long started = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < setup.duplicates(); i++) {
                    int order = 100_000 + i;
                    byte[] csr = csrs.get(i);
                    done.add(pool.submit(() -> {
                        long begun = System.nanoTime();
                        DuplicateOptions.Builder options = DuplicateOptions.builder(String.valueOf(order));
                        if (setup.namesGiven()) {
                            String name = "host" + (order - 100_000) + ".example.com";
                            options.commonName(name).dnsNames(List.of(name, "www." + name));
                        }
                        Duplicator.run(key, settings, options.build(), csr, l -> {});
                        times.add(System.nanoTime() - begun);
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
            long delayed = 0;
            long rejections = 0;
            for (CertCentralSimulator.RejectionDelay rejection : simulator.rejectionDelays()) {
                delayed += rejection.delay().toNanos();
                rejections += rejection.rejections();
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            return new Result(
                    setup,
                    succeeded.get(),
                    simulator.requestCount(),
                    simulator.rateLimitedCount(),
                    wall,
                    minimumWall(admitted, limits).plus(setup.delayMin().multipliedBy(2)),
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    rejections == 0 ? Duration.ZERO : Duration.ofNanos(delayed / rejections),
                    limiters == null ? Duration.ZERO : limiters.margin(key));
        }
    }

    /** Nearest rank. */
    static Duration percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(0, rank - 1)));
    }

    /**
     * The earliest moment the last of {@code calls} calls can start under the limits: call k (from 0) cannot
     * start before floor(k / permits) windows have passed, for every limit. The fleet's wall time also holds the
     * first call's travel there and the last one's travel back, which the caller adds.
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
