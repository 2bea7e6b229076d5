package io.jenkins.plugins.digicert.certcentral;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to retry a call that failed for a reason that passes (429, a gateway error, a
 * network error on a GET): exponential backoff with jitter, bounded in attempts and in total time.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialDelay the delay after the first failure, before jitter
 * @param maxDelay the longest single delay, also the cap on a server's {@code Retry-After}
 * @param maxTotal the longest time spent waiting between attempts, all delays added
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxTotal, "maxTotal");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxTotal.isNegative()) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay, maxTotal >= 0");
        }
    }

    /**
     * The delay before attempt {@code failures + 1}: half the exponential step plus a random part of the other
     * half, so that builds that failed together do not come back together.
     */
    public Duration backoff(int failures, DoubleSupplier random) {
        long initial = initialDelay.toMillis();
        long step = initial << Math.min(failures - 1, 20);
        long capped = Math.min(step, maxDelay.toMillis());
        long jitter = (long) (random.getAsDouble() * (capped / 2.0));
        return Duration.ofMillis(capped - capped / 2 + jitter);
    }

    /** The delay a server asked for, held to {@link #maxDelay()} so a wild header cannot stall a build. */
    public Duration honour(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
}
