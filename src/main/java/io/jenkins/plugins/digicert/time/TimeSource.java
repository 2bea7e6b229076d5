package io.jenkins.plugins.digicert.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the sleep that waiting, retries and rate limiting use. Production code uses {@link #SYSTEM};
 * tests and benchmarks hand in a clock that they control, so that a ten-minute wait costs no real time.
 */
public interface TimeSource {

    /** Monotonic nanoseconds, for measuring intervals. */
    long nanoTime();

    /** Wall-clock time, for what is shown to people and compared with certificate dates. */
    Instant now();

    /** Sleeps, and throws {@link InterruptedException} at once when the thread is interrupted (a build abort). */
    void sleep(Duration duration) throws InterruptedException;

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.isNegative() || duration.isZero()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return;
            }
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }

        @Override
        public String toString() {
            return "TimeSource.SYSTEM";
        }
    };
}
