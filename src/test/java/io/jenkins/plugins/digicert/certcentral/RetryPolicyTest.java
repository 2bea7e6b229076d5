package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void backoffDoublesWithJitterInItsUpperHalfAndIsCapped() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(500), policy.backoff(1, () -> 0.0));
        assertEquals(Duration.ofMillis(1000), policy.backoff(1, () -> 1.0));
        assertEquals(Duration.ofMillis(3000), policy.backoff(3, () -> 0.5));
        assertEquals(Duration.ofSeconds(30), policy.backoff(20, () -> 1.0));
        assertEquals(Duration.ofSeconds(15), policy.backoff(60, () -> 0.0), "no overflow for large attempt numbers");
    }

    @Test
    void retryAfterIsHeldToTheLongestDelay() {
        assertEquals(Duration.ofSeconds(30), RetryPolicy.DEFAULT.honour(Duration.ofHours(1)));
        assertEquals(Duration.ofSeconds(2), RetryPolicy.DEFAULT.honour(Duration.ofSeconds(2)));
        assertEquals(Duration.ZERO, RetryPolicy.DEFAULT.honour(Duration.ofSeconds(-2)));
    }

    @Test
    void policyChecksItsBounds() {
        assertThrows(
                IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sat, 28 Nov 2026 12:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 28 Nov 2026 11:00:00 GMT", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999", NOW));
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        RetryPolicy edge = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertEquals(1, edge.maxAttempts());
        assertEquals(
                Duration.ofSeconds(5),
                new RetryPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO).maxDelay());
        assertEquals(Duration.ofSeconds(30), RetryPolicy.DEFAULT.honour(RetryPolicy.DEFAULT.maxDelay()));
        assertEquals(Duration.ZERO, RetryPolicy.DEFAULT.honour(Duration.ZERO));
    }

    @Test
    void eachBoundIsCheckedOnItsOwn() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }
}
