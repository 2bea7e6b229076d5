package io.jenkins.plugins.digicert.certcentral;

import java.time.Duration;
import java.util.List;

/** At most {@code permits} calls in any rolling {@code window}. */
public record RateLimit(int permits, Duration window) {

    /** CertCentral's documented limits per API key. */
    public static final List<RateLimit> CERTCENTRAL =
            List.of(new RateLimit(100, Duration.ofSeconds(5)), new RateLimit(1000, Duration.ofMinutes(3)));

    public RateLimit {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs permits >= 1 and a positive window");
        }
    }
}
