package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What goes to the agent to be written once a duplicate is finished: the files, and the private key to put in place
 * beside them (its workspace path and the tag of its pending name; never the key itself, which is already there).
 *
 * @param keyFile null when no key goes with the files (pending outcome, or no key known)
 * @param keyRequired whether the step made the key, so that the files may not be written without it
 */
public record Delivery(
        String outputDir,
        LinkedHashMap<String, byte[]> files,
        @CheckForNull String keyFile,
        @CheckForNull String keyTag,
        boolean keyRequired)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What to write for this outcome: an issued one's key goes with its certificate. */
    public static Delivery of(DuplicateOutcome outcome) {
        Map<String, byte[]> files = outcome.files().contents();
        DuplicateRecord record = outcome.record().orElse(null);
        boolean withKey = record != null
                && record.keyFile() != null
                && outcome.result().issued()
                && files.containsKey(OutputFiles.CERTIFICATE);
        return new Delivery(
                outcome.outputDir(),
                new LinkedHashMap<>(files),
                withKey ? record.keyFile() : null,
                withKey ? record.keyTag() : null,
                withKey && record.keyMadeByStep());
    }

    @CheckForNull
    byte[] certificatePem() {
        return files.get(OutputFiles.CERTIFICATE);
    }
}
