package io.jenkins.plugins.digicert.certcentral;

import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.List;

/**
 * Keeps the calls made with one API key inside CertCentral's rolling windows, across all builds of the JVM:
 * a caller waits for a free slot instead of earning a 429. Each window remembers the times of its last
 * {@code permits} calls in a ring, so a slot frees exactly when the oldest call leaves the window.
 */
public final class RateLimiter {

    private final Window[] windows;
    private final TimeSource time;
    private boolean paused;
    private long pausedUntil;

    RateLimiter(List<RateLimit> limits, TimeSource time) {
        this.windows = limits.stream().map(Window::new).toArray(Window[]::new);
        this.time = time;
    }

    /** Waits until a call may be made, and books it. */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = time.nanoTime();
                waitNanos = paused ? Math.max(0, pausedUntil - now) : 0;
                for (Window window : windows) {
                    waitNanos = Math.max(waitNanos, window.nanosUntilFree(now));
                }
                if (waitNanos == 0) {
                    for (Window window : windows) {
                        window.book(now);
                    }
                    return;
                }
            }
            time.sleep(Duration.ofNanos(waitNanos));
        }
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

    private static final long MIN_MARGIN_NANOS = Duration.ofMillis(50).toNanos();

    private static final class Window {
        private final long[] bookedAt;
        private final long windowNanos;
        private int next;
        private int used;

        Window(RateLimit limit) {
            this.bookedAt = new long[limit.permits()];
            long window = limit.window().toNanos();
            // CertCentral counts a call when it arrives, later than it was booked here and by a varying delay
            // (up to about 45 ms measured on a loaded 2-core machine); the margin keeps two calls a window
            // apart at both ends. It costs 1 % of CertCentral's 5-second window.
            this.windowNanos = window + Math.max(MIN_MARGIN_NANOS, window / 100);
        }

        long nanosUntilFree(long now) {
            if (used < bookedAt.length) {
                return 0;
            }
            long oldest = bookedAt[next];
            return Math.max(0, oldest + windowNanos - now);
        }

        void book(long now) {
            bookedAt[next] = now;
            next = (next + 1) % bookedAt.length;
            used = Math.min(used + 1, bookedAt.length);
        }
    }
}
