package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.time.ManualTime;
import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualTime time = new ManualTime();

    @Test
    void letsTheFirstHundredThroughAndMakesTheNextWaitForTheWindow() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertEquals(Duration.ZERO, time.elapsed());
        limiter.acquire();
        // no round trip measured yet, so no margin
        assertEquals(Duration.ofMillis(5000), time.elapsed(), "the 101st call waits until the first leaves the window");
    }

    @Test
    void theThreeMinuteWindowCapsAThousand() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        for (int i = 0; i < 1001; i++) {
            limiter.acquire();
        }
        // 100 calls per 5 s fill 1000 in 45 s; the 1001st waits for the first call to be 3 minutes old
        assertEquals(Duration.ofMinutes(3), time.elapsed());
    }

    @Test
    void neverMoreThanTheLimitInAnyWindow() throws Exception {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1));
        RateLimiter limiter = new RateLimiters(List.of(limit), time).forKey(ApiKey.of("k1"));
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            limiter.acquire();
            time.advance(Duration.ofMillis(37));
            stamps.add(time.nanoTime());
        }
        for (int i = 10; i < stamps.size(); i++) {
            assertTrue(
                    stamps.get(i) - stamps.get(i - 10)
                            >= Duration.ofSeconds(1).toNanos()
                                    - Duration.ofMillis(37).toNanos(),
                    "11 calls within one window at " + i);
        }
    }

    @Test
    void aPauseHoldsEveryCallerWithTheKey() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        limiter.pause(Duration.ofSeconds(3));
        limiter.pause(Duration.ofSeconds(1)); // a shorter pause does not shorten the longer one
        limiter.acquire();
        assertEquals(Duration.ofSeconds(3), time.elapsed());
    }

    @Test
    void theMarginIsHalfTheSpreadOfTheMeasuredRoundTrips() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        assertEquals(Duration.ZERO, limiter.margin(), "nothing measured, nothing assumed");
        for (long millis : new long[] {120, 40, 500, 300}) {
            long booked = limiter.acquire();
            time.advance(Duration.ofMillis(millis));
            limiter.observe(booked);
        }
        // round trips from 40 to 500 ms: a request's travel varies by about half of that
        assertEquals(Duration.ofMillis(230), limiter.margin());

        for (int i = 4; i < 100; i++) {
            limiter.acquire();
        }
        limiter.acquire();
        // the first call was booked at 0; its slot frees a window and the margin later
        assertEquals(Duration.ofMillis(5230), time.elapsed());
    }

    @Test
    void theMarginFollowsTheRecentRoundTripsOnly() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        long booked = limiter.acquire();
        time.advance(Duration.ofSeconds(2)); // one slow answer long ago
        limiter.observe(booked);
        assertEquals(Duration.ZERO, limiter.margin(), "one round trip shows no spread");
        long[] trips = {60, 80, 70};
        for (int i = 0; i < RateLimiter.SAMPLES; i++) {
            time.advance(Duration.ofSeconds(1));
            booked = limiter.acquire();
            time.advance(Duration.ofMillis(trips[i % trips.length]));
            limiter.observe(booked);
        }
        assertEquals(RateLimiter.SAMPLES, limiter.roundTrips().length, "memory stays bounded");
        assertEquals(Duration.ofMillis(10), limiter.margin(), "the slow answer has left the samples");
    }

    @Test
    void aFewStragglersDoNotSetTheMargin() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        for (int i = 0; i < 100; i++) {
            time.advance(Duration.ofSeconds(1));
            long booked = limiter.acquire();
            // 100 to 199 ms, and three answers of two seconds
            time.advance(Duration.ofMillis(i < 3 ? 2000 : 100 + i));
            limiter.observe(booked);
        }
        // middle 90 %: from the 5th percentile (107 ms) to the 95th (198 ms), halved
        assertEquals(Duration.ofMillis(91).dividedBy(2), limiter.margin());
    }

    @Test
    void after429APauseScaledToTheFullWindow() throws Exception {
        RateLimit limit = new RateLimit(10, Duration.ofMillis(500));
        RateLimiter limiter = new RateLimiters(List.of(limit), time).forKey(ApiKey.of("k1"));
        for (long millis : new long[] {20, 60}) {
            long booked = limiter.acquire();
            time.advance(Duration.ofMillis(millis));
            limiter.observe(booked);
        }
        for (int i = 2; i < 10; i++) {
            limiter.acquire();
        }
        // the window is full: the first call (booked at 0) surely leaves it at CertCentral 500 ms after its
        // booking plus the longest round trip; it is now 80 ms
        assertEquals(Optional.of(Duration.ofMillis(480)), limiter.pauseUntilAWindowFrees());
        limiter.acquire();
        assertEquals(Duration.ofMillis(560), time.elapsed(), "not a fixed second: the window's own time");
    }

    @Test
    void a429TheLimiterCannotExplainLeavesThePauseToTheRetryPolicy() throws Exception {
        RateLimiter limiter = new RateLimiters(RateLimit.CERTCENTRAL, time).forKey(ApiKey.of("k1"));
        limiter.acquire();
        assertEquals(Optional.empty(), limiter.pauseUntilAWindowFrees(), "one call does not fill a window");
        limiter.acquire();
        assertEquals(Duration.ZERO, time.elapsed());
    }

    @Test
    void keysKeepTheirOwnMargins() throws Exception {
        RateLimiters limiters = new RateLimiters(RateLimit.CERTCENTRAL, time);
        RateLimiter slow = limiters.forKey(ApiKey.of("k1"));
        for (long millis : new long[] {100, 900}) {
            long booked = slow.acquire();
            time.advance(Duration.ofMillis(millis));
            slow.observe(booked);
        }
        assertEquals(Duration.ofMillis(400), limiters.margin(ApiKey.of("k1")));
        assertEquals(Duration.ZERO, limiters.margin(ApiKey.of("k2")));
    }

    @Test
    void oneLimiterPerKey() {
        RateLimiters limiters = new RateLimiters(RateLimit.CERTCENTRAL, time);
        assertSame(limiters.forKey(ApiKey.of("k1")), limiters.forKey(ApiKey.of("k1")));
        assertNotSame(limiters.forKey(ApiKey.of("k1")), limiters.forKey(ApiKey.of("k2")));
    }

    @Test
    void threadsSharingAKeyShareTheBudget() throws Exception {
        RateLimit limit = new RateLimit(20, Duration.ofMillis(400));
        RateLimiter limiter = new RateLimiters(List.of(limit), TimeSource.SYSTEM).forKey(ApiKey.of("k1"));
        List<Long> stamps = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        limiter.acquire();
                        stamps.add(System.nanoTime());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(stamps);
        Collections.sort(sorted);
        assertEquals(80, sorted.size());
        for (int i = 20; i < sorted.size(); i++) {
            // booked times are taken just before the stamp, so allow the stamp's own delay
            assertTrue(
                    sorted.get(i) - sorted.get(i - 20) >= Duration.ofMillis(390).toNanos(),
                    "21 calls within one 400 ms window at " + i);
        }
    }
}
