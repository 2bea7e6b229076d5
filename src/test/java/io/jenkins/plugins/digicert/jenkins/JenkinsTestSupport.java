package io.jenkins.plugins.digicert.jenkins;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

/** The setup the JenkinsRule tests of this package share: credentials, the simulator, Pipeline jobs. */
final class JenkinsTestSupport {

    /** Where the tests write the CSR in the workspace. */
    static final String CSR_FILE = "tls/server.csr";

    /** The order the tests ask duplicates of ({@link #addTheOrder}), with the CSR for its names. */
    static final long ORDER_ID = 1234567;

    static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");

    /** The ID of the Secret text credential that holds the simulator's key. */
    static final String CREDENTIALS_ID = "digicert";

    /** The step's default outputDir and the files a chain with an intermediate and a root produces, in order. */
    static final List<String> DEFAULT_PATHS = List.of(
            "digicert/certificate.pem",
            "digicert/chain.pem",
            "digicert/fullchain.pem",
            "digicert/root.pem",
            "digicert/duplicate.json");

    private JenkinsTestSupport() {}

    /** A Secret text credential, not yet stored anywhere. */
    static StringCredentialsImpl secretText(String id, String secret) {
        return new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "CertCentral API key", Secret.fromString(secret));
    }

    /** Stores a credential of any type in the system (Jenkins-wide) store. */
    static <C extends Credentials> C addSystemCredential(C credentials) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);
        SystemCredentialsProvider.getInstance().save();
        return credentials;
    }

    /** Stores a Secret text credential in the system (Jenkins-wide) store. */
    static StringCredentialsImpl addSystemSecretText(String id, String secret) throws IOException {
        return addSystemCredential(secretText(id, secret));
    }

    /** Stores a credential in the folder's own store (cloudbees-folder's FolderCredentialsProvider). */
    static <C extends Credentials> C addFolderCredential(Folder folder, C credentials) throws IOException {
        CredentialsStore store = null;
        for (CredentialsStore candidate : CredentialsProvider.lookupStores(folder)) {
            if (candidate.getProvider() instanceof FolderCredentialsProvider && candidate.getContext() == folder) {
                store = candidate;
                break;
            }
        }
        if (store == null) {
            throw new IllegalStateException("no folder credentials store for " + folder.getFullName());
        }
        store.addCredentials(Domain.global(), credentials);
        store.save();
        return credentials;
    }

    /** Adds {@link #ORDER_ID} (SSL Plus for example.com and www.example.com) to the simulator. */
    static void addTheOrder(CertCentralSimulator simulator) {
        simulator.addOrder(ORDER_ID, "ssl_plus", "example.com", "www.example.com");
    }

    /** Stores the key as the credential {@link #CREDENTIALS_ID} and points the plugin at the simulator. */
    static StringCredentialsImpl useSimulatorWithKey(CertCentralSimulator simulator, String apiKey) throws IOException {
        StringCredentialsImpl credentials = addSystemSecretText(CREDENTIALS_ID, apiKey);
        useSimulator(simulator);
        return credentials;
    }

    /** Points the plugin at the simulator (region CUSTOM), checking for issuance every second. */
    static void useSimulator(CertCentralSimulator simulator) {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setCustomUrl(simulator.baseUrl());
        config.setRegion(DigicertGlobalConfiguration.REGION_CUSTOM);
        config.setPollFirstSeconds(1);
        config.setPollMaxSeconds(1);
    }

    /** A sandboxed Pipeline job at the top level. */
    static WorkflowJob pipeline(JenkinsRule j, String name, String script)
            throws IOException, Descriptor.FormException {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** A sandboxed Pipeline job inside a folder. */
    static WorkflowJob pipeline(Folder folder, String name, String script)
            throws IOException, Descriptor.FormException {
        WorkflowJob job = folder.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** A node block on the controller (the only node unless a test adds an agent) that first writes the CSR. */
    static String onController(TestCsrs.TestCsr csr, String body) {
        return "node {\n" + writeCsr(csr) + body + "}\n";
    }

    /** PEM is plain ASCII without quotes or backslashes, so a triple-quoted Groovy string carries it unchanged. */
    static String writeCsr(TestCsrs.TestCsr csr) {
        return "  writeFile file: '" + CSR_FILE + "', encoding: 'US-ASCII', text: '''" + csr.pem() + "'''\n";
    }

    /** One digicertDuplicate call with the CSR that {@link #writeCsr} wrote. */
    static String step(String credentialsId, long orderId, String moreArguments) {
        return "  digicertDuplicate credentialsId: '" + credentialsId + "', orderId: '" + orderId + "', csrFile: '"
                + CSR_FILE + "'" + moreArguments + "\n";
    }

    static FilePath workspace(JenkinsRule j, WorkflowJob job) {
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        assertNotNull(workspace);
        return workspace;
    }

    /** The build's archived paths, sorted. */
    static List<String> artifactPaths(Run<?, ?> run) {
        List<String> paths = new ArrayList<>();
        for (Run<?, ?>.Artifact artifact : run.getArtifacts()) {
            paths.add(artifact.relativePath);
        }
        return sorted(paths);
    }

    static List<String> sorted(List<String> paths) {
        List<String> copy = new ArrayList<>(paths);
        copy.sort(null);
        return copy;
    }

    /** An archived file's bytes. */
    static byte[] artifact(Run<?, ?> run, String path) throws IOException {
        try (InputStream in = run.getArtifactManager().root().child(path).open()) {
            return in.readAllBytes();
        }
    }

    /** The names of the live threads with a frame of one of these classes on their stack. */
    static List<String> threadsIn(java.util.Collection<String> classNames) {
        List<String> names = new ArrayList<>();
        for (java.util.Map.Entry<Thread, StackTraceElement[]> entry :
                Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : entry.getValue()) {
                if (classNames.contains(frame.getClassName())) {
                    names.add(entry.getKey().getName());
                    break;
                }
            }
        }
        return names;
    }

    /** Waits, polling every 50 ms, until no thread runs code of these classes; fails after {@code limit}. */
    static void awaitNoThreadIn(java.util.Collection<String> classNames, java.time.Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> threads = threadsIn(classNames);
        while (!threads.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("threads still in " + classNames + " after " + limit + ": " + threads);
            }
            Thread.sleep(50);
            threads = threadsIn(classNames);
        }
    }

    /** A step with every optional field set to a value other than its default. */
    static DigicertDuplicateStep everyField() {
        DigicertDuplicateStep step = new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr");
        step.setCommonName("www.example.com");
        step.setDnsNames(List.of("www.example.com", "api.example.com"));
        step.setSignatureHash("sha384");
        step.setServerPlatformId(45);
        step.setCaCertId("5C0A6C7F8E");
        step.setOutputDir("out/tls");
        step.setArchive(false);
        step.setWaitForIssuance(false);
        step.setTimeoutMinutes(30);
        step.setRequestId("98765432");
        return step;
    }

    /** Puts {@link #CSR} into a freestyle build's workspace, as an earlier build step (a checkout, a script) would. */
    static final class WriteCsr extends TestBuilder {
        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, IOException {
            FilePath workspace = build.getWorkspace();
            if (workspace == null) {
                throw new IOException("no workspace for " + build);
            }
            workspace.child(CSR_FILE).write(CSR.pem(), "US-ASCII");
            return true;
        }
    }
}
