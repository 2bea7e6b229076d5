package io.jenkins.plugins.digicert.jenkins;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (ServerSocket server = silentServer(j)) {
            WorkflowRun run =
                    runFailing(j, "node { writeFile file: 'x.csr', text: 'x'\n" + STEP + "csrFile: '../x.csr' }");
            j.assertLogContains("leads out of the workspace", run);
            assertNoConnection(server);
        }
    }

    @Test
    void absoluteCsrFileIsRefused(JenkinsRule j) throws Exception {
        try (ServerSocket server = silentServer(j)) {
            WorkflowRun run = runFailing(j, "node { " + STEP + "csrFile: '/etc/server.csr' }");
            j.assertLogContains("is absolute", run);
            assertNoConnection(server);
        }
    }

    @Test
    void outputDirOutsideTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        try (ServerSocket server = silentServer(j)) {
            WorkflowRun run = runFailing(j, "node { " + STEP + "csrFile: 'x.csr', outputDir: '../out' }");
            j.assertLogContains("outputDir '../out' leads out of the workspace", run);
            assertNoConnection(server);
        }
    }

    @Test
    void unknownCredentialIsNamedByIdOnly(JenkinsRule j) throws Exception {
        try (ServerSocket server = silentServer(j)) {
            WorkflowRun run = runFailing(
                    j,
                    "node { writeFile file: 'x.csr', text: 'x'\n"
                            + "digicertDuplicate credentialsId: 'missing-id', orderId: '1234567', csrFile: 'x.csr' }");
            j.assertLogContains("No Secret text credential with the ID 'missing-id'", run);
            assertNoConnection(server);
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symbolic links needs a privilege on Windows")
    void symbolicLinkOutOfTheWorkspaceIsRefused(JenkinsRule j, @TempDir Path outside) throws Exception {
        try (ServerSocket server = silentServer(j)) {
            Path secret = Files.writeString(outside.resolve("elsewhere.csr"), "not for this build");
            WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "link");
            FilePath workspace = j.jenkins.getWorkspaceFor(job);
            workspace.mkdirs();
            Files.createSymbolicLink(Path.of(workspace.getRemote(), "link.csr"), secret);
            job.setDefinition(new CpsFlowDefinition("node { " + STEP + "csrFile: 'link.csr' }", true));

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("leads out of the workspace; refusing to read it", run);
            j.assertLogNotContains("not for this build", run);
            assertNoConnection(server);
        }
    }

    private static WorkflowRun runFailing(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogNotContains("k3y-value", run);
        return run;
    }

    /** A loopback socket that accepts no connection; the plugin is configured to call it. */
    private static ServerSocket silentServer(JenkinsRule j) throws IOException {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "digicert-api-key", "CertCentral", Secret.fromString("k3y-value")));
        SystemCredentialsProvider.getInstance().save();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setCustomUrl("http://127.0.0.1:" + server.getLocalPort() + "/services/v2/");
        config.setRegion(DigicertGlobalConfiguration.REGION_CUSTOM);
        config.setReadTimeoutSeconds(5);
        return server;
    }

    private static void assertNoConnection(ServerSocket server) throws IOException {
        server.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, server::accept, "the plugin connected to CertCentral");
    }
}
