package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CSR;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.DEFAULT_PATHS;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.ORDER_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.model.Fingerprint;
import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code digicertDuplicate} step end to end: a real Pipeline, real HTTP to the CertCentral simulator on
 * loopback, certificates from the simulator's test CA, files written on the node and archived by the controller.
 */
@ExtendWith(SimulatorExtension.class)
@WithJenkins
class DigicertDuplicatePipelineTest {

    /** The classes that talk to CertCentral while a duplicate is pending: the step's phases and the core's. */
    private static final List<String> POLLERS = List.of(
            "io.jenkins.plugins.digicert.jenkins.DuplicateStepExecution",
            "io.jenkins.plugins.digicert.duplicate.DuplicateWorkflow");

    private CertCentralSimulator simulator;

    @BeforeEach
    void startSimulator(CertCentralSimulator simulator) {
        this.simulator = simulator;
        JenkinsTestSupport.addTheOrder(simulator);
    }

    @Test
    void duplicateOnAnAgentIsWrittenThereArchivedAndReturned(JenkinsRule j) throws Exception {
        StringCredentialsImpl credentials = configure(CertCentralSimulator.API_KEY);
        DumbSlave agent = j.createOnlineSlave(j.jenkins.getLabel("remote"));
        WorkflowJob job = pipeline(
                j,
                "on-agent",
                "node('remote') {\n"
                        + writeCsr()
                        + "  def cert = digicertDuplicate credentialsId: 'digicert', orderId: '1234567', "
                        + "csrFile: 'tls/server.csr'\n"
                        + "  echo \"status=${cert.status}\"\n"
                        + "  echo \"orderId=${cert.orderId}\"\n"
                        + "  echo \"serial=${cert.serialNumber}\"\n"
                        + "  echo \"notAfter=${cert.notAfter}\"\n"
                        + "  echo \"commonName=${cert.commonName}\"\n"
                        + "  echo \"outputDir=${cert.outputDir}\"\n"
                        + "  echo \"artifacts=${cert.artifacts}\"\n"
                        + "  echo \"workspaceFiles=${cert.workspaceFiles}\"\n"
                        + "}\n");

        WorkflowRun run = j.buildAndAssertSuccess(job);

        // Archived under the fixed names, and nothing else.
        assertEquals(JenkinsTestSupport.sorted(DEFAULT_PATHS), JenkinsTestSupport.artifactPaths(run));

        // certificate.pem: the leaf, issued by the simulator's intermediate for the CSR's key.
        List<X509Certificate> leafFile = certificates(JenkinsTestSupport.artifact(run, "digicert/certificate.pem"));
        assertEquals(1, leafFile.size(), "certificate.pem holds the leaf only");
        X509Certificate leaf = leafFile.get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(),
                leaf.getPublicKey().getEncoded(),
                "the certificate is for the CSR's key");
        leaf.verify(simulator.ca().issuing().getPublicKey());
        assertEquals(
                List.of(leaf, simulator.ca().issuing()),
                certificates(JenkinsTestSupport.artifact(run, "digicert/fullchain.pem")));
        assertEquals(
                List.of(simulator.ca().issuing()),
                certificates(JenkinsTestSupport.artifact(run, "digicert/chain.pem")));
        assertEquals(
                List.of(simulator.ca().root()), certificates(JenkinsTestSupport.artifact(run, "digicert/root.pem")));

        String serial = leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        JsonNode summary = new ObjectMapper().readTree(JenkinsTestSupport.artifact(run, "digicert/duplicate.json"));
        assertEquals("issued", summary.path("status").asText());
        assertEquals(ORDER_ID, summary.path("orderId").asLong());
        assertEquals(serial, summary.path("serialNumber").asText());

        // The returned map, as the Pipeline saw it.
        j.assertLogContains("status=issued", run);
        j.assertLogContains("orderId=" + ORDER_ID, run);
        j.assertLogContains("serial=" + serial, run);
        j.assertLogContains("notAfter=" + leaf.getNotAfter().toInstant(), run);
        j.assertLogContains("commonName=example.com", run);
        j.assertLogContains("outputDir=digicert", run);
        j.assertLogContains("artifacts=" + DEFAULT_PATHS, run);
        j.assertLogContains("workspaceFiles=" + DEFAULT_PATHS, run);

        // Written on the agent, not on the controller; the archived copy is the written one.
        FilePath agentWorkspace = agent.getWorkspaceFor(job);
        assertNotNull(agentWorkspace, "the agent is online");
        for (String path : DEFAULT_PATHS) {
            assertTrue(agentWorkspace.child(path).exists(), path + " is in the agent's workspace");
        }
        assertEquals(
                agentWorkspace.child("digicert/certificate.pem").readToString(),
                new String(JenkinsTestSupport.artifact(run, "digicert/certificate.pem"), StandardCharsets.US_ASCII));
        FilePath controllerWorkspace = j.jenkins.getWorkspaceFor(job);
        assertNotNull(controllerWorkspace);
        assertFalse(controllerWorkspace.child("digicert").exists(), "nothing is written on the controller");

        // The key never reaches the log; its use is recorded against the job.
        j.assertLogNotContains(CertCentralSimulator.API_KEY, run);
        Fingerprint usage = CredentialsProvider.getFingerprintOf(credentials);
        assertNotNull(usage, "the credential's use is tracked");
        assertEquals(List.of(job.getFullName()), usage.getJobs());

        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void pendingDuplicateIsAwaitedUntilIssued(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.pendingThenIssued(2));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline(j, "pending", onController(step(""))));

        j.assertLogContains("next check at", run);
        j.assertLogContains("DigiCert issued the duplicate after", run);
        assertEquals(JenkinsTestSupport.sorted(DEFAULT_PATHS), JenkinsTestSupport.artifactPaths(run));
        X509Certificate leaf = certificates(JenkinsTestSupport.artifact(run, "digicert/certificate.pem"))
                .get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        // The look at the order's duplicates before sending, two checks (pending, then issued), one download.
        assertEquals(1 + 2, simulator.requestCount(Endpoint.LIST_DUPLICATES));
        assertEquals(1, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void rejectedDuplicateFailsTheBuildAndWritesNothing(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.pendingThenRejected(1));
        WorkflowJob job = pipeline(j, "rejected", onController(step("")));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("DigiCert rejected the duplicate request", run);
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run));
        assertFalse(
                JenkinsTestSupport.workspace(j, job).child("digicert").exists(), "no files for a rejected duplicate");
        assertEquals(0, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
    }

    @Test
    void invalidKeyFailsWithAdviceAndNeverShowsTheKey(JenkinsRule j) throws Exception {
        String wrongKey = "wrong-key-5d1c9a7e3b2f4c6d8e0a1b2c3d4e5f60";
        configure(wrongKey);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline(j, "invalid-key", onController(step(""))));

        j.assertLogContains("CertCentral rejected the API key as invalid or revoked", run);
        j.assertLogNotContains(wrongKey, run);
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run));
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "nothing is submitted with a bad key");
        assertTrue(simulator.requestCount() > 0, "the key was tried against CertCentral");
    }

    @Test
    void unknownOrderFailsWithAdvice(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);

        WorkflowRun run = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline(
                        j,
                        "unknown-order",
                        onController("  digicertDuplicate credentialsId: 'digicert', orderId: '999', "
                                + "csrFile: 'tls/server.csr'\n")));

        j.assertLogContains("The order was not found", run);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, run);
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run));
        assertEquals(0, simulator.duplicatesCreated());
    }

    @Test
    void abortWhileWaitingStopsPromptlyAndWritesNothing(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.NEVER);
        WorkflowJob job = pipeline(j, "abort", onController(step(", timeoutMinutes: 60")));

        QueueTaskFuture<WorkflowRun> future = job.scheduleBuild2(0);
        assertNotNull(future, "the build was scheduled");
        WorkflowRun run = future.waitForStart();
        j.waitForMessage("next check at", run);

        long stopped = System.nanoTime();
        run.doStop();
        j.waitForCompletion(run);
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);

        j.assertBuildStatus(Result.ABORTED, run);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the abort took " + took);
        assertFalse(
                JenkinsTestSupport.workspace(j, job).child("digicert").exists(),
                "nothing is written for an aborted build");
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run));

        // The wait itself ended: no thread is in a phase that talks to CertCentral (a call in flight at the abort may
        // still land, so wait for that first), and the scheduled check was cancelled: none comes in three of the
        // configured intervals (1 s).
        JenkinsTestSupport.awaitNoThreadIn(POLLERS, Duration.ofSeconds(30));
        int requestsAfterAbort = simulator.requestCount();
        Thread.sleep(3000);
        assertEquals(List.of(), JenkinsTestSupport.threadsIn(POLLERS), "a check started again after the abort");
        assertEquals(requestsAfterAbort, simulator.requestCount(), "CertCentral is still being polled");
        // Each check is announced ("next check at") before it is made: no check happened unannounced. (One look at
        // the order's duplicates is the one before sending.)
        int announced = JenkinsRule.getLog(run).split("next check at", -1).length - 1;
        int checks = simulator.requestCount(Endpoint.LIST_DUPLICATES) - 1;
        assertTrue(checks <= announced, checks + " status checks, " + announced + " announced");
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void credentialStoredInAFolderServesTheJobsInThatFolderOnly(JenkinsRule j) throws Exception {
        JenkinsTestSupport.useSimulator(simulator);
        Folder folder = j.jenkins.createProject(Folder.class, "team");
        JenkinsTestSupport.addFolderCredential(
                folder, JenkinsTestSupport.secretText("team-key", CertCentralSimulator.API_KEY));
        String script = onController(JenkinsTestSupport.step("team-key", ORDER_ID, ""));
        WorkflowJob inside = JenkinsTestSupport.pipeline(folder, "inside", script);
        WorkflowJob outside = pipeline(j, "outside", script);

        WorkflowRun insideRun = j.buildAndAssertSuccess(inside);

        assertEquals(JenkinsTestSupport.sorted(DEFAULT_PATHS), JenkinsTestSupport.artifactPaths(insideRun));
        j.assertLogNotContains(CertCentralSimulator.API_KEY, insideRun);
        assertEquals(1, simulator.duplicatesCreated());

        WorkflowRun outsideRun = j.buildAndAssertStatus(Result.FAILURE, outside);

        j.assertLogContains("No Secret text credential with the ID 'team-key'", outsideRun);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, outsideRun);
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(outsideRun));
        assertEquals(1, simulator.duplicatesCreated(), "the job outside the folder requested nothing");

        // The form says the same as the builds.
        DigicertDuplicateStep.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(DigicertDuplicateStep.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckCredentialsId(inside, "team-key").kind);
        FormValidation elsewhere = descriptor.doCheckCredentialsId(outside, "team-key");
        assertEquals(FormValidation.Kind.ERROR, elsewhere.kind);
        assertTrue(
                elsewhere.getMessage().contains("No Secret text credential with this ID is available to this job."),
                elsewhere.getMessage());
    }

    @Test
    void notArchivingWritesTheFilesToTheWorkspaceOnly(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        WorkflowJob job = pipeline(
                j,
                "no-archive",
                onController("  def cert = digicertDuplicate credentialsId: 'digicert', orderId: '1234567', "
                        + "csrFile: 'tls/server.csr', archive: false, outputDir: 'out/tls'\n"
                        + "  echo \"artifacts=${cert.artifacts}\"\n"
                        + "  echo \"workspaceFiles=${cert.workspaceFiles}\"\n"));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run), "nothing is archived");
        assertFalse(run.getHasArtifacts());
        j.assertLogContains("artifacts=[]", run);
        j.assertLogNotContains("DigiCert: archived", run);
        List<String> written = List.of(
                "out/tls/certificate.pem",
                "out/tls/chain.pem",
                "out/tls/fullchain.pem",
                "out/tls/root.pem",
                "out/tls/duplicate.json");
        j.assertLogContains("workspaceFiles=" + written, run);
        FilePath workspace = JenkinsTestSupport.workspace(j, job);
        for (String path : written) {
            assertTrue(workspace.child(path).exists(), path + " is in the workspace");
        }
        X509Certificate leaf = certificates(workspace
                        .child("out/tls/certificate.pem")
                        .readToString()
                        .getBytes(StandardCharsets.US_ASCII))
                .get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
    }

    /** Stores the key as a Secret text credential and points the plugin at the simulator, polling every second. */
    private StringCredentialsImpl configure(String apiKey) throws IOException {
        return JenkinsTestSupport.useSimulatorWithKey(simulator, apiKey);
    }

    private static WorkflowJob pipeline(JenkinsRule j, String name, String script) throws Exception {
        return JenkinsTestSupport.pipeline(j, name, script);
    }

    private static String onController(String body) {
        return JenkinsTestSupport.onController(CSR, body);
    }

    private static String writeCsr() {
        return JenkinsTestSupport.writeCsr(CSR);
    }

    private static String step(String moreArguments) {
        return JenkinsTestSupport.step(CREDENTIALS_ID, ORDER_ID, moreArguments);
    }

    private static List<X509Certificate> certificates(byte[] pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate :
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
