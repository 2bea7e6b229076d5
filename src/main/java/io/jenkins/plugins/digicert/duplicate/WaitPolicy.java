package io.jenkins.plugins.digicert.duplicate;

import java.time.Duration;

/**
 * How to wait for a duplicate that is not issued at once: checks start {@code firstInterval} apart and grow
 * by half each time up to {@code maxInterval}, until {@code timeout}. Growing intervals keep a long approval
 * cheap in API calls while a quick one is still seen quickly.
 *
 * @param enabled false to return the pending request at once
 */
public record WaitPolicy(boolean enabled, Duration timeout, Duration firstInterval, Duration maxInterval) {

    public static final WaitPolicy DEFAULT = Defaults.waitPolicy();

    public static final WaitPolicy NO_WAIT =
            new WaitPolicy(false, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));

    public WaitPolicy {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or more");
        }
        if (firstInterval == null || firstInterval.isNegative() || firstInterval.isZero()) {
            throw new IllegalArgumentException("firstInterval must be positive");
        }
        if (maxInterval == null || maxInterval.compareTo(firstInterval) < 0) {
            throw new IllegalArgumentException("maxInterval must be at least firstInterval");
        }
    }

    public static WaitPolicy of(boolean wait, Duration timeout) {
        return new WaitPolicy(wait, timeout, DEFAULT.firstInterval, DEFAULT.maxInterval);
    }

    /** This policy's intervals, with a step's own choice to wait and its own timeout (null keeps this one's). */
    public WaitPolicy forStep(boolean wait, Integer timeoutMinutes) {
        Duration wanted = timeoutMinutes == null ? timeout : Duration.ofMinutes(timeoutMinutes);
        return new WaitPolicy(wait, wanted, firstInterval, maxInterval);
    }

    public WaitPolicy withIntervals(Duration first, Duration max) {
        return new WaitPolicy(enabled, timeout, first, max);
    }

    Duration next(Duration interval) {
        Duration grown = interval.plus(interval.dividedBy(2));
        return grown.compareTo(maxInterval) > 0 ? maxInterval : grown;
    }
}
