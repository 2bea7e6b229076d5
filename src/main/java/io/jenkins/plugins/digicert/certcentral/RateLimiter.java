package io.jenkins.plugins.digicert.certcentral;

import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the calls made with one API key inside CertCentral's rolling windows, across all builds of the JVM:
 * a caller waits for a free slot instead of earning a 429. Each window remembers the times of its last
 * {@code permits} calls in a ring, so a slot frees when the oldest call leaves the window, plus a margin.
 *
 * <p>The margin exists because a call is booked here when it is sent and counted by CertCentral when it
 * arrives, a varying time later. Two calls a window apart stay a window apart at CertCentral if the margin
 * covers how much that travel time varies. The limiter does not know the travel time of a request, only the
 * round trip from booking to the answer's headers ({@link #observe}). The margin is half the spread of the
 * middle 90 % of the last {@value #SAMPLES} round trips (95th percentile minus 5th): half, as the request's share
 * of the variation when both directions vary alike; the middle 90 %, as a window of a hundred calls overfills
 * only when many of its calls travel slowly, not when one does, and a few stragglers (a slow first call, a
 * pause of the JVM) should not hold every slot. It follows what the key's own network shows and needs no
 * constant. Should a window overfill nevertheless, {@link #pauseUntilAWindowFrees} waits out the longest round
 * trip.
 */
public final class RateLimiter {

    /** Round trips remembered: enough to see the spread, a kilobyte per key. */
    static final int SAMPLES = 128;

    private final Window[] windows;
    private final TimeSource time;
    private final long[] roundTrips = new long[SAMPLES];
    private int roundTripCount;
    private int nextRoundTrip;
    private long marginNanos;
    private long longestRoundTripNanos;
    private boolean paused;
    private long pausedUntil;

    RateLimiter(List<RateLimit> limits, TimeSource time) {
        this.windows = limits.stream().map(Window::new).toArray(Window[]::new);
        this.time = time;
    }

    /**
     * Waits until a call may be made, and books it.
     *
     * @return the booking's time on the limiter's clock, to hand to {@link #observe} once the answer arrives
     */
    public long acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = time.nanoTime();
                waitNanos = paused ? Math.max(0, pausedUntil - now) : 0;
                for (Window window : windows) {
                    waitNanos = Math.max(waitNanos, window.nanosUntilFree(now, marginNanos));
                }
                if (waitNanos == 0) {
                    for (Window window : windows) {
                        window.book(now);
                    }
                    return now;
                }
            }
            time.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** The answer to a call booked at {@code bookedAt} has arrived: one more round trip for the margin. */
    public synchronized void observe(long bookedAt) {
        long roundTrip = time.nanoTime() - bookedAt;
        if (roundTrip < 0) {
            return;
        }
        roundTrips[nextRoundTrip] = roundTrip;
        nextRoundTrip = (nextRoundTrip + 1) % SAMPLES;
        roundTripCount = Math.min(roundTripCount + 1, SAMPLES);
        long[] sorted = Arrays.copyOf(roundTrips, roundTripCount);
        Arrays.sort(sorted);
        int last = sorted.length - 1;
        long low = sorted[(int) Math.floor(last * 0.05)];
        long high = sorted[(int) Math.ceil(last * 0.95)];
        marginNanos = (high - low) / 2;
        longestRoundTripNanos = sorted[last];
    }

    /** What a slot is held beyond its window now; zero until a round trip has been measured. */
    public synchronized Duration margin() {
        return Duration.ofNanos(marginNanos);
    }

    /** The round trips the margin is taken from, shortest first (for tests and benchmarks). */
    synchronized long[] roundTrips() {
        long[] copy = Arrays.copyOf(roundTrips, roundTripCount);
        Arrays.sort(copy);
        return copy;
    }

    /** After a 429 nobody with this key should call before {@code delay} has passed. */
    public synchronized void pause(Duration delay) {
        long until = time.nanoTime() + delay.toNanos();
        // nanoTime values are compared by difference only: they may be negative and may wrap
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
    }

    /**
     * After a 429 without Retry-After: if this key's own calls fill a window, nobody with the key calls until the
     * oldest of them has surely left it at CertCentral, that is its booking plus the window plus the longest
     * round trip measured (a call arrives before its answer comes back). The pause is what the full window needs,
     * not a fixed second, which is a fifth of CertCentral's 5-second window and two windows of a half-second one.
     *
     * @return the pause, or empty when no window is full here: the 429 is then not explained by this limiter's
     *     calls (another JVM uses the key), and the caller falls back to its retry policy
     */
    public synchronized Optional<Duration> pauseUntilAWindowFrees() {
        long now = time.nanoTime();
        long longest = 0;
        boolean full = false;
        for (Window window : windows) {
            if (window.nanosUntilFree(now, marginNanos) > 0) {
                full = true;
                longest = Math.max(longest, window.oldest() + window.windowNanos + longestRoundTripNanos - now);
            }
        }
        if (!full) {
            return Optional.empty();
        }
        Duration pause = Duration.ofNanos(longest);
        pause(pause);
        return Optional.of(pause);
    }

    private static final class Window {
        private final long[] bookedAt;
        private final long windowNanos;
        private int next;
        private int used;

        Window(RateLimit limit) {
            this.bookedAt = new long[limit.permits()];
            this.windowNanos = limit.window().toNanos();
        }

        long nanosUntilFree(long now, long marginNanos) {
            if (used < bookedAt.length) {
                return 0;
            }
            return Math.max(0, oldest() + windowNanos + marginNanos - now);
        }

        long oldest() {
            return bookedAt[next];
        }

        void book(long now) {
            bookedAt[next] = now;
            next = (next + 1) % bookedAt.length;
            used = Math.min(used + 1, bookedAt.length);
        }
    }
}
