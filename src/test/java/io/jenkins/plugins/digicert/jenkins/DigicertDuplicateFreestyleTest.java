package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CSR;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CSR_FILE;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.ORDER_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle build step end to end: {@link JenkinsTestSupport.WriteCsr} puts the CSR into the workspace, then
 * {@link DigicertDuplicateBuilder} asks the CertCentral simulator for the duplicate and archives the files.
 */
@ExtendWith(SimulatorExtension.class)
@WithJenkins
class DigicertDuplicateFreestyleTest {

    private CertCentralSimulator simulator;

    @BeforeEach
    void startSimulator(CertCentralSimulator simulator) {
        this.simulator = simulator;
        JenkinsTestSupport.addTheOrder(simulator);
    }

    @Test
    void freestyleBuildArchivesTheDuplicateUnderTheExpandedOutputDir(JenkinsRule j) throws Exception {
        StringCredentialsImpl credentials = configure(CertCentralSimulator.API_KEY);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new JenkinsTestSupport.WriteCsr());
        DigicertDuplicateStep step = new DigicertDuplicateStep(CREDENTIALS_ID, String.valueOf(ORDER_ID), CSR_FILE);
        step.setOutputDir("certs/${BUILD_NUMBER}");
        project.getBuildersList().add(new DigicertDuplicateBuilder(step));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        String dir = "certs/" + build.getNumber();
        List<String> expected = List.of(
                dir + "/certificate.pem",
                dir + "/chain.pem",
                dir + "/fullchain.pem",
                dir + "/root.pem",
                dir + "/duplicate.json");
        assertEquals(JenkinsTestSupport.sorted(expected), JenkinsTestSupport.artifactPaths(build));
        j.assertLogContains("DigiCert: archived 5 files as build artifacts", build);

        X509Certificate leaf = certificates(JenkinsTestSupport.artifact(build, dir + "/certificate.pem"))
                .get(0);
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(),
                leaf.getPublicKey().getEncoded(),
                "the certificate is for the CSR's key");
        leaf.verify(simulator.ca().issuing().getPublicKey());
        assertEquals(
                List.of(leaf, simulator.ca().issuing()),
                certificates(JenkinsTestSupport.artifact(build, dir + "/fullchain.pem")));
        assertEquals(
                List.of(simulator.ca().root()), certificates(JenkinsTestSupport.artifact(build, dir + "/root.pem")));
        JsonNode summary = new ObjectMapper().readTree(JenkinsTestSupport.artifact(build, dir + "/duplicate.json"));
        assertEquals("issued", summary.path("status").asText());
        assertEquals(
                leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                summary.path("serialNumber").asText());

        FilePath workspace = j.jenkins.getWorkspaceFor(project);
        assertNotNull(workspace);
        for (String path : expected) {
            assertTrue(workspace.child(path).exists(), path + " is in the workspace");
        }

        j.assertLogNotContains(CertCentralSimulator.API_KEY, build);
        Fingerprint usage = CredentialsProvider.getFingerprintOf(credentials);
        assertNotNull(usage, "the credential's use is tracked");
        assertEquals(List.of(project.getFullName()), usage.getJobs());
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void unknownOrderFailsTheFreestyleBuild(JenkinsRule j) throws Exception {
        configure(CertCentralSimulator.API_KEY);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new JenkinsTestSupport.WriteCsr());
        project.getBuildersList()
                .add(new DigicertDuplicateBuilder(new DigicertDuplicateStep(CREDENTIALS_ID, "999", CSR_FILE)));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("The order was not found", build);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, build);
        assertEquals(List.of(), JenkinsTestSupport.artifactPaths(build));
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        FilePath workspace = j.jenkins.getWorkspaceFor(project);
        assertNotNull(workspace);
        assertFalse(workspace.child("digicert").exists(), "no files for a failed duplicate");
    }

    private StringCredentialsImpl configure(String apiKey) throws IOException {
        return JenkinsTestSupport.useSimulatorWithKey(simulator, apiKey);
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
