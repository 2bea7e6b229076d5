package io.jenkins.plugins.digicert.duplicate;

import java.time.Duration;

/**
 * Every default a user meets, written once: the step, the freestyle builder (and jobs saved without the field),
 * the input rules, the forms and the global configuration all read them from here. The HTTP timeouts are the
 * client's own, in {@code ClientSettings}.
 */
public final class Defaults {

    public static final String SIGNATURE_HASH = "sha256";

    /** The workspace directory the files are written to. */
    public static final String OUTPUT_DIR = "digicert";

    public static final boolean ARCHIVE = true;

    /** The private key's file name when the step makes the key, in the output directory. */
    public static final String PRIVATE_KEY_FILE = "private-key.pem";

    public static final boolean WAIT_FOR_ISSUANCE = true;

    /** How long a build waits for issuance unless the step or the global configuration says otherwise. */
    public static final int TIMEOUT_MINUTES = 15;

    /** The first status check after a pending answer; each later interval is half as long again. */
    public static final int FIRST_CHECK_SECONDS = 10;

    public static final int LONGEST_CHECK_INTERVAL_SECONDS = 60;

    private Defaults() {}

    static WaitPolicy waitPolicy() {
        return new WaitPolicy(
                WAIT_FOR_ISSUANCE,
                Duration.ofMinutes(TIMEOUT_MINUTES),
                Duration.ofSeconds(FIRST_CHECK_SECONDS),
                Duration.ofSeconds(LONGEST_CHECK_INTERVAL_SECONDS));
    }
}
