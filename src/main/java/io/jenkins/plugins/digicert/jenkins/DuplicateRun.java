package io.jenkins.plugins.digicert.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.duplicate.Defaults;
import io.jenkins.plugins.digicert.duplicate.DuplicateJob;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.Inputs;
import io.jenkins.plugins.digicert.duplicate.InvalidInputException;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
import io.jenkins.plugins.digicert.duplicate.WorkspaceFiles;
import io.jenkins.plugins.digicert.pki.CsrParser;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.security.FIPS140;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * One duplicate in a build, shared by the Pipeline step and the freestyle builder. The order protects the user:
 * every parameter is checked first, then the credential is resolved, then the CSR is read on the agent; only
 * then does the controller call CertCentral. The files are written on the agent and archived at the end.
 */
final class DuplicateRun {

    private DuplicateRun() {}

    /** Runs the duplicate and returns the step's result: plain values only. */
    static Map<String, Object> execute(
            DuplicateRequest request, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        PrintStream console = listener.getLogger();
        if (FIPS140.useCompliantAlgorithms()) {
            // bouncycastle-api does not provide Bouncy Castle in FIPS mode: reading the CSR would end in a
            // NoClassDefFoundError and a stack trace.
            throw new AbortException("DigiCert duplicate certificates are not available while Jenkins runs in "
                    + "FIPS-140 mode: reading the CSR and the certificates needs Bouncy Castle, which Jenkins does "
                    + "not provide in that mode.");
        }
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();

        String csrPath;
        String outputDir;
        DuplicateOptions options;
        try {
            csrPath = Inputs.workspacePath(request.csrFile(), "csrFile");
            outputDir = WorkspaceFiles.normalizeDirectory(Inputs.workspacePath(
                    blankToNull(request.outputDir()) == null ? Defaults.OUTPUT_DIR : request.outputDir(), "outputDir"));
            options = DuplicateOptions.builder(request.orderId())
                    .commonName(request.commonName())
                    .dnsNames(request.dnsNames())
                    .signatureHash(request.signatureHash())
                    .serverPlatformId(request.serverPlatformId())
                    .caCertId(request.caCertId())
                    .waitPolicy(waitPolicy(config, request))
                    .build();
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }

        ClientSettings settings;
        try {
            settings = config.clientSettings();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new AbortException("The DigiCert global configuration is not usable: " + e.getMessage()
                    + " (Manage Jenkins > System > DigiCert CertCentral).");
        }

        ApiKey key = apiKey(request.credentialsId(), run);

        AgentFiles.Result csr = AgentFiles.readCsr(workspace, csrPath, CsrParser.MAX_BYTES);
        if (!csr.isOk()) {
            throw new AbortException(csr.problem());
        }

        console.println("DigiCert: duplicating order " + options.orderId() + " with the CSR " + csrPath);
        DuplicateOutcome outcome;
        try {
            outcome = DuplicateJob.run(key, settings, options, csr.content(), console::println);
        } catch (DigicertException e) {
            throw new AbortException(e.getMessage());
        }

        Map<String, byte[]> files = outcome.files().contents();
        AgentFiles.Result written = AgentFiles.writeOutputs(workspace, outputDir.isEmpty() ? "." : outputDir, files);
        if (!written.isOk()) {
            throw new AbortException(written.problem());
        }
        List<String> workspaceFiles;
        try {
            workspaceFiles = WorkspaceFiles.relativePaths(outputDir.isEmpty() ? "." : outputDir, files.keySet());
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        console.println("DigiCert: wrote " + String.join(", ", workspaceFiles));

        List<String> artifacts = new ArrayList<>();
        if (request.archive()) {
            Map<String, String> archived = new LinkedHashMap<>();
            for (String path : workspaceFiles) {
                archived.put(path, path);
            }
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), archived);
            artifacts.addAll(archived.keySet());
            console.println("DigiCert: archived " + artifacts.size() + " files as build artifacts");
        }

        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : outcome.result().toMap().entrySet()) {
            Object value = entry.getValue();
            result.put(entry.getKey(), value instanceof List<?> list ? new ArrayList<>(list) : value);
        }
        result.put("outputDir", outputDir.isEmpty() ? "." : outputDir);
        result.put("workspaceFiles", workspaceFiles);
        result.put("artifacts", artifacts);
        return result;
    }

    private static WaitPolicy waitPolicy(DigicertGlobalConfiguration config, DuplicateRequest request)
            throws InvalidInputException {
        Integer minutes = Inputs.timeoutMinutes(request.timeoutMinutes());
        return config.waitPolicy(request.waitForIssuance(), minutes);
    }

    /** Looks the key up as the build's identity and records its use; never prints it. */
    private static ApiKey apiKey(String credentialsId, Run<?, ?> run) throws AbortException {
        String id = blankToNull(credentialsId);
        if (id == null) {
            throw new AbortException("credentialsId is required: the ID of a Secret text credential that holds "
                    + "the CertCentral API key.");
        }
        StringCredentials credentials =
                CredentialsProvider.findCredentialById(id, StringCredentials.class, run, List.of());
        if (credentials == null) {
            throw new AbortException("No Secret text credential with the ID '" + id
                    + "' is available to this build. Check the ID and the credential's scope and folder.");
        }
        CredentialsProvider.track(run, credentials);
        try {
            return ApiKey.of(credentials.getSecret().getPlainText());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage() + " (credential '" + id + "')");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
