package io.jenkins.plugins.digicert.jenkins;

import io.jenkins.plugins.digicert.duplicate.Defaults;

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
}
