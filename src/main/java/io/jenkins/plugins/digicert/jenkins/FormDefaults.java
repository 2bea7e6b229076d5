package io.jenkins.plugins.digicert.jenkins;

import io.jenkins.plugins.digicert.duplicate.Defaults;
import io.jenkins.plugins.digicert.pki.KeyType;

/** The core's defaults where the form reads them: {@code ${descriptor.defaults.outputDir}} in config.jelly. */
public final class FormDefaults {

    static final FormDefaults INSTANCE = new FormDefaults();

    private FormDefaults() {}

    public String getSignatureHash() {
        return Defaults.SIGNATURE_HASH;
    }

    public String getOutputDir() {
        return Defaults.OUTPUT_DIR;
    }

    public boolean getArchive() {
        return Defaults.ARCHIVE;
    }

    public boolean getWaitForIssuance() {
        return Defaults.WAIT_FOR_ISSUANCE;
    }

    /** The key a new step's form offers to make: no openssl needed, the key never leaves the agent. */
    public String getKeyType() {
        return KeyType.DEFAULT.id();
    }
}
