package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;

/**
 * One duplicate from raw inputs, in the order that protects the user: the CSR is checked before anything is
 * sent, then the workflow runs. The Jenkins step, the freestyle builder and the demo command all start here.
 */
public final class DuplicateJob {

    private DuplicateJob() {}

    public static DuplicateOutcome run(
            ApiKey key, ClientSettings settings, DuplicateOptions options, byte[] csrFile, ProgressLog log)
            throws DigicertException, InterruptedException {
        CertificateRequest csr = CsrParser.parse(csrFile);
        log.line("CSR: " + csr.keyDescription()
                + csr.commonName().map(cn -> ", CN=" + cn).orElse(""));
        CertCentralClient client = new CertCentralClient(key, settings, log::line);
        return new DuplicateWorkflow(client, settings.time(), settings.retryPolicy(), log).run(options, csr);
    }
}
