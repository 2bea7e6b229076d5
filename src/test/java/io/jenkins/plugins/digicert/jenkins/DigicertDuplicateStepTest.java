package io.jenkins.plugins.digicert.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Refusals that must happen before anything is sent: the base URL points to a listening loopback socket that
 * nobody answers, and each test checks afterwards that no connection reached it.
 */
@WithJenkins
class DigicertDuplicateStepTest {

    private static final String STEP = "digicertDuplicate credentialsId: 'digicert-api-key', orderId: '1234567', ";

    @Test
    void csrFileOutsideTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        try (SilentServer server = silentServer(j)) {
            WorkflowRun run =
                    runFailing(j, "node { writeFile file: 'x.csr', text: 'x'\n" + STEP + "csrFile: '../x.csr' }");
            j.assertLogContains("leads out of the workspace", run);
            assertEquals(0, server.connections.get(), "the plugin connected to CertCentral");
        }
    }

    @Test
    void absoluteCsrFileIsRefused(JenkinsRule j) throws Exception {
        try (SilentServer server = silentServer(j)) {
            WorkflowRun run = runFailing(j, "node { " + STEP + "csrFile: '/etc/server.csr' }");
            j.assertLogContains("is absolute", run);
            assertEquals(0, server.connections.get(), "the plugin connected to CertCentral");
        }
    }

    @Test
    void outputDirOutsideTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        try (SilentServer server = silentServer(j)) {
            WorkflowRun run = runFailing(j, "node { " + STEP + "csrFile: 'x.csr', outputDir: '../out' }");
            j.assertLogContains("outputDir '../out' leads out of the workspace", run);
            assertEquals(0, server.connections.get(), "the plugin connected to CertCentral");
        }
    }

    @Test
    void unknownCredentialIsNamedByIdOnly(JenkinsRule j) throws Exception {
        try (SilentServer server = silentServer(j)) {
            WorkflowRun run = runFailing(
                    j,
                    "node { writeFile file: 'x.csr', text: 'x'\n"
                            + "digicertDuplicate credentialsId: 'missing-id', orderId: '1234567', csrFile: 'x.csr' }");
            j.assertLogContains("No Secret text credential with the ID 'missing-id'", run);
            assertEquals(0, server.connections.get(), "the plugin connected to CertCentral");
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symbolic links needs a privilege on Windows")
    void symbolicLinkOutOfTheWorkspaceIsRefused(JenkinsRule j, @TempDir Path outside) throws Exception {
        try (SilentServer server = silentServer(j)) {
            Path secret = Files.writeString(outside.resolve("elsewhere.csr"), "not for this build");
            WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "link");
            FilePath workspace = j.jenkins.getWorkspaceFor(job);
            workspace.mkdirs();
            Files.createSymbolicLink(Path.of(workspace.getRemote(), "link.csr"), secret);
            job.setDefinition(new CpsFlowDefinition("node { " + STEP + "csrFile: 'link.csr' }", true));

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("leads out of the workspace; refusing to read it", run);
            j.assertLogNotContains("not for this build", run);
            assertEquals(0, server.connections.get(), "the plugin connected to CertCentral");
        }
    }

    private static WorkflowRun runFailing(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogNotContains("k3y-value", run);
        return run;
    }

    /** Points the plugin at a loopback server that counts connections and never answers. */
    private static SilentServer silentServer(JenkinsRule j) throws IOException {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "digicert-api-key", "CertCentral", Secret.fromString("k3y-value")));
        SystemCredentialsProvider.getInstance().save();
        SilentServer server = new SilentServer();
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setCustomUrl("http://127.0.0.1:" + server.socket.getLocalPort() + "/services/v2/");
        config.setRegion(DigicertGlobalConfiguration.REGION_CUSTOM);
        config.setReadTimeoutSeconds(5);
        return server;
    }

    /**
     * Accepts and counts every connection on the same literal address the plugin is given, so that no connection is
     * lost to the address family or to an operating system dropping unaccepted ones.
     */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(this::acceptAll, "silent CertCentral");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
