package io.jenkins.plugins.digicert.certcentral;

import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per API key. {@link #SHARED} is the JVM-wide registry that every build uses, so
 * parallel builds with the same key share one budget; tests and benchmarks make their own.
 */
public final class RateLimiters {

    public static final RateLimiters SHARED = new RateLimiters(RateLimit.CERTCENTRAL, TimeSource.SYSTEM);

    private final List<RateLimit> limits;
    private final TimeSource time;
    private final Map<String, RateLimiter> byKey = new ConcurrentHashMap<>();

    public RateLimiters(List<RateLimit> limits, TimeSource time) {
        this.limits = List.copyOf(limits);
        this.time = time;
    }

    /** A registry that never makes anyone wait (for measuring what the limiter buys). */
    public static RateLimiters unlimited() {
        return new RateLimiters(List.of(), TimeSource.SYSTEM);
    }

    RateLimiter forKey(ApiKey key) {
        return byKey.computeIfAbsent(key.id(), id -> new RateLimiter(limits, time));
    }

    /** The margin the key's limiter holds a slot beyond its window now (for benchmarks and diagnostics). */
    public Duration margin(ApiKey key) {
        return forKey(key).margin();
    }
}
