package io.jenkins.plugins.digicert.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when someone sleeps on it, so that waits of minutes run in microseconds and every
 * sleep can be asserted. It still honours interrupts, like a real sleep.
 */
public final class ManualTime implements TimeSource {

    private long nanos;
    private Instant wallStart = Instant.parse("2026-11-28T12:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return wallStart.plusNanos(nanos);
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(duration);
        nanos += Math.max(0, duration.toNanos());
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
