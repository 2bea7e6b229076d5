package io.jenkins.plugins.digicert.duplicate;

/** Where the workflow tells the build console what it does, one line at a time. */
@FunctionalInterface
public interface ProgressLog {

    void line(String text);

    default void warn(String text) {
        line("WARNING: " + text);
    }

    ProgressLog NONE = text -> {};
}
