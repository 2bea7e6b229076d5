package io.jenkins.plugins.digicert.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.pki.CsrParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateDemoTest {

    @TempDir
    Path out;

    @Test
    void defaultScenarioWaitsAndWritesThePluginsFiles() throws Exception {
        Run run = run("--out", out.toString());

        assertEquals(0, run.exit, run.console);
        assertTrue(run.console.contains("next check at"), run.console);
        assertTrue(run.console.contains("Finished: SUCCESS"), run.console);
        Path folder = out.resolve("digicert");
        assertEquals(
                List.of("certificate.pem", "chain.pem", "duplicate.json", "fullchain.pem", "root.pem"), names(folder));
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(folder.resolve("certificate.pem"))));
        assertTrue(CsrParser.parse(Files.readAllBytes(out.resolve("server.csr")))
                .hasPublicKey(leaf.getPublicKey().getEncoded()));
        assertTrue(
                run.console.contains(
                        "Serial:   " + leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)),
                run.console);
    }

    @Test
    void keyTypeMakesTheKeyAndPlacesItBesideTheCertificate() throws Exception {
        Run run = run("--key-type", "EC-P256", "--out", out.toString());

        assertEquals(0, run.exit, run.console);
        assertTrue(run.console.contains("with a new EC P-256 key pair made on the agent"), run.console);
        Path folder = out.resolve("digicert");
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(folder.resolve("certificate.pem"))));
        String key = Files.readString(folder.resolve("private-key.pem"));
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(
                io.jenkins.plugins.digicert.workspace.PrivateKeyFiles.keyOf(
                                out, "digicert/private-key.pem", "0000000000000000", leaf.getPublicKey())
                        .isEmpty(),
                "the key in place is the certificate's");
        assertTrue(run.console.contains("Key:      " + folder.resolve("private-key.pem")), run.console);
        assertTrue(!run.console.contains(key.split("\n")[1]), "the key is never printed");
    }

    @Test
    void theStandaloneSimulatorServesTheOrderItAnnounces() throws Exception {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        try (io.jenkins.plugins.digicert.simulator.CertCentralSimulator simulator =
                SimulatorMain.start(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8))) {
            String printed = console.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(printed.contains("URL " + simulator.baseUrl()), printed);
            io.jenkins.plugins.digicert.certcentral.OrderDetails order =
                    new io.jenkins.plugins.digicert.certcentral.CertCentralClient(
                                    io.jenkins.plugins.digicert.certcentral.ApiKey.of(
                                            io.jenkins.plugins.digicert.simulator.CertCentralSimulator.API_KEY),
                                    io.jenkins.plugins.digicert.certcentral.ClientSettings.defaults()
                                            .withBaseUrl(simulator.baseUrl()),
                                    line -> {})
                            .orderDetails(SimulatorMain.ORDER);
            assertEquals("demo.example.com", order.certificate().commonName());
        }
    }

    @Test
    void rejectedScenarioFailsLikeABuild() throws Exception {
        Run run = run("--scenario", "rejected", "--out", out.toString());
        assertEquals(1, run.exit);
        assertTrue(run.console.contains("ERROR: DigiCert rejected the duplicate request"), run.console);
        assertTrue(run.console.endsWith("Finished: FAILURE\n"), run.console);
        assertFalse(Files.exists(out.resolve("digicert")), "nothing is written for a failed job");
    }

    @Test
    void invalidKeyScenario() throws Exception {
        Run run = run("--scenario", "invalid-key", "--out", out.toString());
        assertEquals(1, run.exit);
        assertTrue(run.console.contains("ERROR: CertCentral rejected the API key as invalid or revoked."), run.console);
        assertFalse(run.console.contains("revoked-"), "the key itself is not printed");
    }

    @Test
    void rateLimitedScenarioRetriesAndSucceeds() throws Exception {
        Run run = run("--scenario", "rate-limited", "--out", out.toString());
        assertEquals(0, run.exit, run.console);
        assertTrue(run.console.contains("CertCentral: HTTP 429; retrying GET"), run.console);
    }

    @Test
    void realEndpointNeedsTheKeyInTheEnvironment() {
        Run run = run("--endpoint", "eu", "--order", "1", "--csr", "x.csr");
        assertEquals(2, run.exit);
        assertTrue(run.console.contains("set the environment variable DIGICERT_API_KEY"), run.console);
    }

    @Test
    void badUsage() {
        assertEquals(2, run("--scenario", "nope").exit);
        assertEquals(2, run("--out").exit);
        assertEquals(2, run("--key", "abc").exit);
    }

    private record Run(int exit, String console) {}

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DuplicateDemo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> String.valueOf(p.getFileName())).sorted().toList();
        }
    }
}
