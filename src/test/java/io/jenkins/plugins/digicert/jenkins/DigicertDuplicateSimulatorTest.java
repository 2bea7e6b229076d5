package io.jenkins.plugins.digicert.jenkins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import hudson.util.Secret;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step end to end against the CertCentral simulator: real HTTP on loopback, a real test CA. */
@WithJenkins
class DigicertDuplicateSimulatorTest {

    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");

    private CertCentralSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
        assertEquals(List.of(), simulator.violations(), "requests CertCentral would refuse");
    }

    @Test
    void pipelineOnAnAgentArchivesTheVerifiedChainAndReturnsItsFacts(JenkinsRule j) throws Exception {
        StringCredentialsImpl credentials = configure(CertCentralSimulator.API_KEY);
        j.createOnlineSlave(Label.get("remote"));
        WorkflowRun run = j.buildAndAssertSuccess(job(
                j,
                "node('remote') {\n" + writeCsr() + "  def cert = digicertDuplicate credentialsId: 'digicert', "
                        + "orderId: '1234567', csrFile: 'tls/server.csr'\n"
                        + "  echo \"status=${cert.status} serial=${cert.serialNumber} notAfter=${cert.notAfter}\"\n"
                        + "  echo \"artifacts=${cert.artifacts}\"\n"
                        + "}"));

        X509Certificate leaf =
                certificates(artifact(run, "digicert/certificate.pem")).get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        assertEquals(List.of(leaf, simulator.ca().issuing()), certificates(artifact(run, "digicert/fullchain.pem")));
        assertEquals(List.of(simulator.ca().issuing()), certificates(artifact(run, "digicert/chain.pem")));
        assertEquals(List.of(simulator.ca().root()), certificates(artifact(run, "digicert/root.pem")));
        assertTrue(new String(artifact(run, "digicert/duplicate.json"), StandardCharsets.UTF_8)
                .contains("\"status\" : \"issued\""));
        j.assertLogContains(
                "status=issued serial=" + leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), run);
        j.assertLogContains("notAfter=" + leaf.getNotAfter().toInstant(), run);
        j.assertLogContains(
                "artifacts=[digicert/certificate.pem, digicert/chain.pem, digicert/fullchain.pem, "
                        + "digicert/root.pem, digicert/duplicate.json]",
                run);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, run);
        Fingerprint usage = CredentialsProvider.getFingerprintOf(credentials);
        assertNotNull(usage, "the credential's use is tracked");
        assertEquals(List.of("duplicate"), usage.getJobs());
    }

    @Test
    void pendingDuplicateIsAwaited(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        WorkflowRun run = j.buildAndAssertSuccess(job(j, "node {\n" + writeCsr() + step("") + "}"));
        j.assertLogContains("next check at", run);
        j.assertLogContains("DigiCert issued the duplicate after", run);
        assertNotNull(
                run.getArtifactManager().root().child("digicert/fullchain.pem").open());
    }

    @Test
    void rejectedDuplicateFailsTheBuild(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.pendingThenRejected(1));
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j, "node {\n" + writeCsr() + step("") + "}"));
        j.assertLogContains("DigiCert rejected the duplicate request", run);
    }

    @Test
    void invalidKeyFailsWithAdviceAndWithoutTheKey(JenkinsRule j) throws Exception {
        String wrongKey = "revoked-0123456789abcdef";
        configure(wrongKey);
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j, "node {\n" + writeCsr() + step("") + "}"));
        j.assertLogContains("CertCentral rejected the API key as invalid or revoked", run);
        j.assertLogNotContains(wrongKey, run);
    }

    @Test
    void unknownOrderFailsWithAdvice(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        WorkflowRun run = j.buildAndAssertStatus(
                Result.FAILURE,
                job(
                        j,
                        "node {\n" + writeCsr()
                                + "  digicertDuplicate credentialsId: 'digicert', orderId: '999', csrFile: 'tls/server.csr'\n}"));
        j.assertLogContains("The order was not found", run);
    }

    @Test
    void notArchivingLeavesTheFilesInTheWorkspaceOnly(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        WorkflowJob job = job(j, "node {\n" + writeCsr() + step(", archive: false, outputDir: 'out'") + "}");
        WorkflowRun run = j.buildAndAssertSuccess(job);
        assertFalse(run.getArtifactManager().root().child("out/certificate.pem").exists());
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        assertNotNull(workspace);
        assertTrue(workspace.child("out/certificate.pem").exists());
    }

    @Test
    void abortWhileWaitingStopsAndWritesNothing(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        simulator.setIssuance(Issuance.NEVER);
        WorkflowJob job = job(j, "node {\n" + writeCsr() + step(", timeoutMinutes: 60") + "}");
        QueueTaskFuture<WorkflowRun> future = job.scheduleBuild2(0);
        assertNotNull(future);
        WorkflowRun run = future.waitForStart();
        j.waitForMessage("next check at", run);
        long stoppedAt = System.nanoTime();
        run.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertTrue((System.nanoTime() - stoppedAt) / 1_000_000_000L < 30, "the wait did not stop promptly");
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        assertNotNull(workspace);
        assertFalse(workspace.child("digicert").exists(), "nothing is written for an aborted build");
    }

    @Test
    void freestyleBuildArchivesTheFiles(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        FreeStyleProject project = j.createFreeStyleProject("freestyle");
        project.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                    throws InterruptedException, IOException {
                FilePath workspace = build.getWorkspace();
                if (workspace == null) {
                    return false;
                }
                workspace.child("tls/server.csr").write(CSR.pem(), "US-ASCII");
                return true;
            }
        });
        project.getBuildersList().add(new DigicertDuplicateBuilder("digicert", "1234567", "tls/server.csr"));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        X509Certificate leaf =
                certificates(artifact(build, "digicert/certificate.pem")).get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        j.assertLogContains("DigiCert: archived 5 files as build artifacts", build);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, build);
    }

    private void configure(String apiKey) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "digicert", "CertCentral", Secret.fromString(apiKey)));
        SystemCredentialsProvider.getInstance().save();
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setCustomUrl(simulator.baseUrl());
        config.setRegion(DigicertGlobalConfiguration.REGION_CUSTOM);
        config.setPollFirstSeconds(1);
        config.setPollMaxSeconds(1);
        return credentials;
    }

    private static WorkflowJob job(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "duplicate");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static String writeCsr() {
        return "  writeFile file: 'tls/server.csr', text: '''" + CSR.pem() + "'''\n";
    }

    private static String step(String extra) {
        return "  digicertDuplicate credentialsId: 'digicert', orderId: '1234567', csrFile: 'tls/server.csr'" + extra
                + "\n";
    }

    private static byte[] artifact(Run<?, ?> run, String path) throws Exception {
        try (InputStream in = run.getArtifactManager().root().child(path).open()) {
            return in.readAllBytes();
        }
    }

    private static List<X509Certificate> certificates(byte[] pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate :
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
