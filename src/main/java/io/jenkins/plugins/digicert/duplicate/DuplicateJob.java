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
 *
 * <p>This is also the last step before text leaves the core, so everything that goes out is masked here with the
 * key: progress lines, the result, the files and exception messages. A server may echo the key in any
 * escaping, and a parser decodes it on the way in.
 */
public final class DuplicateJob {

    private DuplicateJob() {}

    public static DuplicateOutcome run(
            ApiKey key, ClientSettings settings, DuplicateOptions options, byte[] csrFile, ProgressLog log)
            throws DigicertException, InterruptedException {
        ProgressLog masked = text -> log.line(key.mask(text));
        try {
            CertificateRequest csr = CsrParser.parse(csrFile);
            masked.line("CSR: " + csr.keyDescription()
                    + csr.commonName().map(cn -> ", CN=" + cn).orElse(""));
            CertCentralClient client = new CertCentralClient(key, settings, masked::line);
            return new DuplicateWorkflow(client, settings.time(), settings.retryPolicy(), masked)
                    .run(options, csr)
                    .masked(key::mask);
        } catch (DigicertException e) {
            e.maskMessage(key::mask);
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e, key);
        }
    }

    /**
     * A bug of ours, not a condition the user can fix: said as such, without the original exception, whose
     * message may quote what a server sent; its stack is kept for the report.
     */
    private static DigicertException unexpected(RuntimeException e, ApiKey key) {
        DigicertException failure = new DigicertException("The DigiCert plugin failed unexpectedly ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "). Nothing was written. Please report this with the build log.");
        failure.maskMessage(key::mask);
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }
}
