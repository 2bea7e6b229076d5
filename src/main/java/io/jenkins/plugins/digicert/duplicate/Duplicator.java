package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.workspace.WorkspacePaths;
import java.io.IOException;

/**
 * One duplicate, from what the user gave to the files to write: the one call the Jenkins layer makes. The order
 * protects the user: every parameter is checked first, then the API key is fetched, then the CSR is read (in
 * Jenkins: on the agent) and checked; only then is CertCentral called.
 *
 * <p>This is also the last step before text leaves the core, so everything that goes out is masked here with the
 * key: progress lines, the result, the files and exception messages. A server may echo the key in any
 * escaping, and a parser decodes it on the way in.
 */
public final class Duplicator {

    /** Where the API key comes from (in Jenkins: the build's credential); its refusals are the user's to fix. */
    @FunctionalInterface
    public interface KeySource {
        ApiKey get() throws DigicertException;
    }

    /** Reads the CSR at a checked workspace-relative path, where the workspace lives. */
    @FunctionalInterface
    public interface CsrSource {
        byte[] read(String workspacePath) throws DigicertException, IOException, InterruptedException;
    }

    private Duplicator() {}

    /**
     * @param waiting the configured waiting: its intervals, and the timeout for a step that gives none
     * @return the outcome, with the files and the workspace directory they belong in
     */
    public static DuplicateOutcome run(
            StepParameters parameters,
            WaitPolicy waiting,
            ClientSettings settings,
            KeySource key,
            CsrSource csrFile,
            ProgressLog log)
            throws DigicertException, IOException, InterruptedException {
        String csrPath = WorkspacePaths.check(parameters.csrFile(), "csrFile");
        String outputDir = WorkspacePaths.normalizeDirectory(
                WorkspacePaths.check(blankToDefault(parameters.outputDir(), Defaults.OUTPUT_DIR), "outputDir"));
        DuplicateOptions options = options(parameters, waiting);
        ApiKey apiKey = key.get();
        byte[] csr = csrFile.read(csrPath);
        log.line("DigiCert: duplicating order " + options.orderId() + " with the CSR " + csrPath);
        return run(apiKey, settings, options, csr, log).placedIn(outputDir);
    }

    /** One duplicate from checked options and the CSR's bytes: what the demo, the benchmarks and the tests call. */
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

    private static DuplicateOptions options(StepParameters parameters, WaitPolicy waiting)
            throws InvalidInputException {
        return DuplicateOptions.builder(parameters.orderId())
                .requestId(parameters.requestId())
                .commonName(parameters.commonName())
                .dnsNames(parameters.dnsNames())
                .signatureHash(parameters.signatureHash())
                .serverPlatformId(parameters.serverPlatformId())
                .caCertId(parameters.caCertId())
                .waitPolicy(waiting.forStep(
                        parameters.waitForIssuance(), Inputs.timeoutMinutes(parameters.timeoutMinutes())))
                .build();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
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
