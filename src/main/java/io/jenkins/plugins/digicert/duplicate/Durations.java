package io.jenkins.plugins.digicert.duplicate;

import java.time.Duration;

/** Durations as people read them in a console: "45 s", "2 min 30 s". */
final class Durations {

    private Durations() {}

    static String human(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        long rest = seconds % 60;
        return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
}
