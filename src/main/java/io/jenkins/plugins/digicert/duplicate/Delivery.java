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
 * @param keystorePassword the password of a {@code keystore.p12} to write with the key; null for none
 * @param keystoreAlias the alias of the key in it: the certificate's common name
 */
public record Delivery(
        String outputDir,
        LinkedHashMap<String, byte[]> files,
        @CheckForNull String keyFile,
        @CheckForNull String keyTag,
        boolean keyRequired,
        @CheckForNull String keystorePassword,
        @CheckForNull String keystoreAlias)
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
                withKey && record.keyMadeByStep(),
                null,
                withKey ? outcome.result().commonName() : null);
    }

    /** The same, with a PKCS#12 keystore of the key and its chain, protected by this password. */
    public Delivery withKeystore(String password) {
        return new Delivery(outputDir, files, keyFile, keyTag, keyRequired, password, keystoreAlias);
    }

    /** Never the password, nor the files' bytes. */
    @Override
    public String toString() {
        return "Delivery[" + outputDir + ", " + files.keySet() + (keyFile == null ? "" : ", key " + keyFile)
                + (keystorePassword == null ? "" : ", with a keystore") + "]";
    }

    @CheckForNull
    byte[] certificatePem() {
        return files.get(OutputFiles.CERTIFICATE);
    }

    @CheckForNull
    byte[] fullChainPem() {
        return files.get(OutputFiles.FULLCHAIN);
    }
}
