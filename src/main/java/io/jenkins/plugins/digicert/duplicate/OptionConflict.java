package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Options that cannot go together, because each needs a key the other rules out: reuse and collecting a request
 * work with a key kept between builds (its CSR in {@code csrFile}), a keystore with the key the step makes. The run
 * refuses them before anything is sent; the form flags them as the user types, in its own words.
 */
public enum OptionConflict {
    KEYSTORE_WITHOUT_MADE_KEY("A PKCS#12 keystore needs the private key, which the step has only when it makes it: "
            + "give keyType, or leave the keystore out and build it from your own key."),
    REUSE_WITH_MADE_KEY("reuseDaysLeft has nothing to reuse when the step makes the key: a new key has no duplicate "
            + "yet. Leave reuseDaysLeft out, or keep a key and give its CSR in csrFile."),
    REQUEST_WITH_MADE_KEY("requestId collects a request made with an earlier key: give that request's CSR in csrFile "
            + "(the earlier build wrote it beside its files) instead of keyType."),
    REUSE_WITH_REQUEST("Give requestId or reuseDaysLeft, not both: requestId collects one request of an earlier "
            + "build, reuseDaysLeft looks for any duplicate of this key still valid.");

    private final String message;

    OptionConflict(String message) {
        this.message = message;
    }

    /** The run's refusal, naming the step's parameters. */
    public String message() {
        return message;
    }

    /** Every conflict among the options given, in the order the run reports them. */
    public static List<OptionConflict> among(
            boolean keyMadeByStep, boolean reuse, boolean requestId, boolean keystore) {
        List<OptionConflict> conflicts = new ArrayList<>();
        if (keystore && !keyMadeByStep) {
            conflicts.add(KEYSTORE_WITHOUT_MADE_KEY);
        }
        if (reuse && keyMadeByStep) {
            conflicts.add(REUSE_WITH_MADE_KEY);
        }
        if (requestId && keyMadeByStep) {
            conflicts.add(REQUEST_WITH_MADE_KEY);
        }
        if (reuse && requestId) {
            conflicts.add(REUSE_WITH_REQUEST);
        }
        return conflicts;
    }

    /** Refuses the first conflict among the options, if any. */
    public static void refuse(boolean keyMadeByStep, boolean reuse, boolean requestId, boolean keystore)
            throws InvalidInputException {
        List<OptionConflict> conflicts = among(keyMadeByStep, reuse, requestId, keystore);
        if (!conflicts.isEmpty()) {
            throw new InvalidInputException(conflicts.get(0).message());
        }
    }
}
