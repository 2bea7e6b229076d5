package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.DEFAULT_PATHS;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.ORDER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.workspace.PrivateKeyFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code keyType} with a real agent, a JVM of its own: the key pair is made there, stays there, and takes its place
 * beside the certificate; the controller (console, build directory, records, remote API, artifacts) never holds it.
 */
@ExtendWith(SimulatorExtension.class)
@WithJenkins
class KeyMadeOnTheAgentStepTest {

    private CertCentralSimulator simulator;

    @BeforeEach
    void startSimulator(CertCentralSimulator simulator) {
        this.simulator = simulator;
        JenkinsTestSupport.addTheOrder(simulator);
    }

    @Test
    void pipelineMakesTheKeyOnTheAgentAndTheControllerNeverHoldsIt(JenkinsRule j, @TempDir Path copy) throws Exception {
        JenkinsTestSupport.useSimulatorWithKey(simulator, CertCentralSimulator.API_KEY);
        DumbSlave agent = j.createOnlineSlave(j.jenkins.getLabel("keys"));
        WorkflowJob job = JenkinsTestSupport.pipeline(
                j,
                "keys",
                "node('keys') {\n"
                        + "  def cert = digicertDuplicate credentialsId: '" + CREDENTIALS_ID + "', orderId: '"
                        + ORDER_ID + "', keyType: 'EC-P256'\n"
                        + "  echo \"status=${cert.status} files=${cert.workspaceFiles}\"\n"
                        + "}\n");

        WorkflowRun run = j.buildAndAssertSuccess(job);

        FilePath workspace = agent.getWorkspaceFor(job);
        assertNotNull(workspace);
        assertKeyOnTheAgentOnly(j, run, workspace, copy);
        j.assertLogContains("with a new EC P-256 key pair made on the agent", run);
        j.assertLogContains("status=issued files=" + DEFAULT_PATHS, run);
    }

    @Test
    void freestyleMakesTheKeyOnTheAgentToo(JenkinsRule j, @TempDir Path copy) throws Exception {
        JenkinsTestSupport.useSimulatorWithKey(simulator, CertCentralSimulator.API_KEY);
        DumbSlave agent = j.createOnlineSlave(j.jenkins.getLabel("keys"));
        FreeStyleProject project = j.createFreeStyleProject("freestyle-keys");
        project.setAssignedLabel(j.jenkins.getLabel("keys"));
        DigicertDuplicateStep step = new DigicertDuplicateStep(CREDENTIALS_ID, String.valueOf(ORDER_ID));
        step.setKeyType("RSA-2048");
        project.getBuildersList().add(new DigicertDuplicateBuilder(step));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        FilePath workspace = agent.getWorkspaceFor(project);
        assertNotNull(workspace);
        assertKeyOnTheAgentOnly(j, build, workspace, copy);
    }

    private void assertKeyOnTheAgentOnly(JenkinsRule j, Run<?, ?> run, FilePath workspace, Path copy) throws Exception {
        FilePath key = workspace.child("digicert/private-key.pem");
        assertTrue(key.exists(), "the key is in the agent's workspace");
        if (!Functions.isWindows()) {
            assertEquals(0600, key.mode(), "owner-only");
        }
        // It is the certificate's key: copy the workspace's two files here and prove it by a signature.
        Files.createDirectories(copy.resolve("digicert"));
        Files.writeString(copy.resolve("digicert/private-key.pem"), key.readToString(), StandardCharsets.US_ASCII);
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(JenkinsTestSupport.artifact(run, "digicert/certificate.pem")));
        assertTrue(
                PrivateKeyFiles.keyOf(copy, "digicert/private-key.pem", "0000000000000000", leaf.getPublicKey())
                        .isEmpty(),
                "the key in place belongs to the archived certificate");

        // The four certificate files and duplicate.json are archived; the key and its CSR are not.
        assertEquals(JenkinsTestSupport.sorted(DEFAULT_PATHS), JenkinsTestSupport.artifactPaths(run));

        // The key's body is nowhere on the controller: not in the console, not in any file of the build (build.xml
        // with the records, the log, the artifacts), not in the remote API, not in the controller's workspace.
        List<String> secrets = new ArrayList<>();
        for (String line : key.readToString().split("\n")) {
            if (line.length() == 64) {
                secrets.add(line);
            }
        }
        assertFalse(secrets.isEmpty());
        List<String> texts = new ArrayList<>();
        texts.add(JenkinsRule.getLog(run));
        texts.add(j.getJSON(run.getUrl() + "api/json?depth=3").getContentAsString());
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        FilePath controllerWorkspace = j.jenkins.getWorkspaceFor((hudson.model.TopLevelItem) run.getParent());
        assertFalse(
                controllerWorkspace != null
                        && controllerWorkspace.child("digicert").exists(),
                "nothing is written on the controller");
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "the private key reached the controller");
            }
        }
    }

    @Test
    void theFormRefusesBothAndNeitherAndOffersTheKeyTypes(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("form");
        DigicertDuplicateStep.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(DigicertDuplicateStep.DescriptorImpl.class);

        FormValidation both = descriptor.doCheckCsrFile(project, "tls/server.csr", "EC-P256");
        assertEquals(FormValidation.Kind.ERROR, both.kind);
        assertTrue(both.getMessage().startsWith("Give a CSR file or choose a key pair for the step to make, not both"));
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckKeyType(project, "", "").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckKeyType(project, "EC-P384", "").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckCsrFile(project, "tls/server.csr", "").kind);

        List<String> offered = new ArrayList<>();
        descriptor.doFillKeyTypeItems(project).forEach(option -> offered.add(option.value));
        assertEquals(List.of("", "RSA-2048", "RSA-3072", "RSA-4096", "EC-P256", "EC-P384"), offered);
    }
}
