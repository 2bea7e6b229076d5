package io.jenkins.plugins.digicert.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Fingerprint;
import hudson.model.FingerprintMap;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.duplicate.Delivery;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.pki.KeyType;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * One duplicate in a build, shared by the Pipeline step and the freestyle builder: the core's {@link Duplicator}
 * does the work; this class hands it the build's credential and the agent's CSR, then writes the files on the
 * agent and archives them.
 */
final class DuplicateExecution {

    private DuplicateExecution() {}

    /** Runs the duplicate and returns the step's result: plain values only. */
    static Map<String, Object> execute(
            String credentialsId,
            String keystoreCredentialsId,
            StepParameters parameters,
            boolean archive,
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener)
            throws IOException, InterruptedException {
        refuseFipsMode();
        PrintStream console = listener.getLogger();
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        DuplicateOutcome outcome;
        try {
            outcome = Duplicator.run(
                    parameters,
                    config.waitDefaults(),
                    clientSettings(config),
                    () -> apiKey(credentialsId, keystoreCredentialsId, run),
                    csrSource(workspace),
                    DuplicateRecordsAction.of(run),
                    console::println);
        } catch (DigicertException e) {
            throw new AbortException(e.getMessage());
        }
        return deliver(outcome, archive, keystoreCredentialsId, run, workspace, launcher, listener);
    }

    /**
     * The files of a finished duplicate: written on the agent, archived (and fingerprinted) if asked, noted in the
     * build's record; returns the step's result.
     */
    static Map<String, Object> deliver(
            DuplicateOutcome outcome,
            boolean archive,
            String keystoreCredentialsId,
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener)
            throws IOException, InterruptedException {
        writeFiles(workspace, outcome, keystoreCredentialsId, run);
        listener.getLogger().println("DigiCert: wrote " + String.join(", ", outcome.workspacePaths()));
        List<String> artifacts = archive ? archive(outcome, run, workspace, launcher, listener) : List.of();
        if (!artifacts.isEmpty()) {
            fingerprint(outcome, artifacts, run);
        }
        if (outcome.record().isPresent()) {
            outcome.record().get().archived(artifacts);
            DuplicateRecordsAction.of(run).save(outcome.record().get());
        }
        return result(outcome, artifacts);
    }

    /** Parallel branches of one build must not each add a fingerprint action. */
    private static final Object FINGERPRINT_ACTION_LOCK = new Object();

    /**
     * Records the archived certificate files' fingerprints as Jenkins' own Fingerprinter does, so the file's
     * fingerprint page lists the builds that produced and used it.
     */
    static void fingerprint(DuplicateOutcome outcome, List<String> artifacts, Run<?, ?> run) throws IOException {
        Map<String, String> md5ByPath = outcome.fingerprints();
        FingerprintMap fingerprints = Jenkins.get().getFingerprintMap();
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String path : artifacts) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            String md5 = md5ByPath.get(path);
            if (md5 != null) {
                Fingerprint fingerprint = fingerprints.getOrCreate(run, name, md5);
                fingerprint.addFor(run);
                recorded.put(path, fingerprint.getHashString());
            }
        }
        synchronized (FINGERPRINT_ACTION_LOCK) {
            Fingerprinter.FingerprintAction action = run.getAction(Fingerprinter.FingerprintAction.class);
            if (action == null) {
                run.addAction(new Fingerprinter.FingerprintAction(run, recorded));
            } else {
                action.add(recorded);
            }
        }
    }

    /** bouncycastle-api does not provide Bouncy Castle in FIPS mode: reading the CSR would end in a class error. */
    static void refuseFipsMode() throws AbortException {
        if (FIPS140.useCompliantAlgorithms()) {
            throw new AbortException("DigiCert duplicate certificates are not available while Jenkins runs in "
                    + "FIPS-140 mode: reading the CSR and the certificates needs Bouncy Castle, which Jenkins does "
                    + "not provide in that mode.");
        }
    }

    static ClientSettings clientSettings(DigicertGlobalConfiguration config) throws AbortException {
        try {
            return config.clientSettings();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new AbortException("The DigiCert global configuration is not usable: " + e.getMessage()
                    + " (Manage Jenkins > System > DigiCert CertCentral).");
        }
    }

    /**
     * Looks the key up as the build's identity and records its use; never prints it. The keystore's password, when
     * one is asked for, is looked up here too, so that a wrong ID fails before anything is sent.
     */
    static ApiKey apiKey(String credentialsId, String keystoreCredentialsId, Run<?, ?> run)
            throws InvalidInputException {
        if (keystoreCredentialsId != null) {
            secretText(keystoreCredentialsId, "keystoreCredentialsId", run);
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            throw new InvalidInputException("credentialsId is required: the ID of a Secret text credential that "
                    + "holds the CertCentral API key.");
        }
        try {
            return ApiKey.of(secretText(id, "credentialsId", run));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + " (credential '" + id + "')");
        }
    }

    /** A Secret text credential's value, looked up as the build's identity, its use recorded. */
    static String secretText(String id, String parameter, Run<?, ?> run) throws InvalidInputException {
        StringCredentials credentials =
                CredentialsProvider.findCredentialById(id, StringCredentials.class, run, List.of());
        if (credentials == null) {
            throw new InvalidInputException("No Secret text credential with the ID '" + id + "' (" + parameter
                    + ") is available to this build. Check the ID and the credential's scope and folder.");
        }
        CredentialsProvider.track(run, credentials);
        return credentials.getSecret().getPlainText();
    }

    static byte[] readCsr(FilePath workspace, String path)
            throws IOException, InterruptedException, InvalidInputException {
        AgentFiles.Result csr = AgentFiles.readCsr(workspace, path, CsrParser.MAX_BYTES);
        if (!csr.isOk()) {
            throw new InvalidInputException(csr.problem());
        }
        return csr.content();
    }

    /** The workspace's side of a duplicate: reads the CSR file, or makes the key pair and its CSR, on the agent. */
    static Duplicator.CsrSource csrSource(FilePath workspace) {
        return new Duplicator.CsrSource() {
            @Override
            public byte[] read(String path) throws IOException, InterruptedException, InvalidInputException {
                return readCsr(workspace, path);
            }

            @Override
            public byte[] make(KeyType type, String commonName, List<String> dnsNames, String keyFile)
                    throws IOException, InterruptedException, InvalidInputException {
                AgentFiles.Result csr = AgentFiles.makeKey(workspace, type, commonName, dnsNames, keyFile);
                if (!csr.isOk()) {
                    throw new InvalidInputException(csr.problem());
                }
                return csr.content();
            }
        };
    }

    static void writeFiles(FilePath workspace, DuplicateOutcome outcome, String keystoreCredentialsId, Run<?, ?> run)
            throws IOException, InterruptedException {
        Delivery delivery = Delivery.of(outcome);
        if (keystoreCredentialsId != null && delivery.keyFile() != null) {
            try {
                delivery = delivery.withKeystore(secretText(keystoreCredentialsId, "keystoreCredentialsId", run));
            } catch (InvalidInputException e) {
                throw new AbortException(e.getMessage());
            }
        }
        AgentFiles.Result written = AgentFiles.deliver(workspace, delivery);
        if (!written.isOk()) {
            throw new AbortException(written.problem());
        }
    }

    static List<String> archive(
            DuplicateOutcome outcome, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        Map<String, String> archived = new LinkedHashMap<>();
        for (String path : outcome.workspacePaths()) {
            archived.put(path, path);
        }
        run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), archived);
        listener.getLogger().println("DigiCert: archived " + archived.size() + " files as build artifacts");
        return new ArrayList<>(archived.keySet());
    }

    /** The step's value: plain, serializable values that Groovy and the Pipeline program can keep. */
    static Map<String, Object> result(DuplicateOutcome outcome, List<String> artifacts) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : outcome.result().toMap().entrySet()) {
            Object value = entry.getValue();
            result.put(entry.getKey(), value instanceof List<?> list ? new ArrayList<>(list) : value);
        }
        result.put("outputDir", outcome.outputDir());
        result.put("workspaceFiles", new ArrayList<>(outcome.workspacePaths()));
        result.put("artifacts", new ArrayList<>(artifacts));
        return result;
    }
}
