package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.time.ManualTime;
import io.jenkins.plugins.digicert.workspace.PrivateKeyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyType}: the step makes the key pair and the CSR where the workspace is, sends only the CSR, and puts the
 * key beside its certificate once that is written. The key never appears anywhere but in its own file.
 */
@ExtendWith(SimulatorExtension.class)
class KeyMadeOnTheAgentTest {

    private static final String KEY_FILE = "digicert/private-key.pem";

    @TempDir
    Path workspace;

    private CertCentralSimulator simulator;
    private final List<String> log = new ArrayList<>();
    private final List<String> agentCalls = new ArrayList<>();
    private final DuplicateRecords records = DuplicateRecords.inMemory();

    @BeforeEach
    void order(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
    }

    /** The agent's side (what the Jenkins layer runs in the workspace's JVM), with each call noted. */
    private final Duplicator.CsrSource agent = new Duplicator.CsrSource() {
        @Override
        public byte[] read(String path) throws DigicertException, IOException, InterruptedException {
            agentCalls.add("read " + path);
            return Duplicator.CsrSource.in(workspace).read(path);
        }

        @Override
        public byte[] make(KeyType type, String commonName, List<String> dnsNames, String keyFile)
                throws DigicertException, IOException, InterruptedException {
            agentCalls.add("make " + type.id() + " " + commonName + " " + dnsNames + " " + keyFile);
            return Duplicator.CsrSource.in(workspace).make(type, commonName, dnsNames, keyFile);
        }
    };

    private DuplicateOutcome run(StepParameters parameters) throws Exception {
        DuplicateOutcome outcome = duplicate(parameters);
        AgentKeys.deliver(workspace, Delivery.of(outcome));
        return outcome;
    }

    /** The controller's part only: the files are not written yet. */
    private DuplicateOutcome duplicate(StepParameters parameters) throws Exception {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(new ManualTime(), () -> 0.5);
        DuplicateOutcome outcome = Duplicator.run(
                parameters,
                WaitPolicy.DEFAULT.withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                settings,
                () -> ApiKey.of(CertCentralSimulator.API_KEY),
                agent,
                records,
                log::add);
        return outcome;
    }

    private static StepParameters keyType(String type) {
        return parameters(null, type, true, null, null);
    }

    private static StepParameters parameters(
            String csrFile, String keyType, boolean wait, Integer reuseDaysLeft, String requestId) {
        return new StepParameters(
                "1234567",
                csrFile,
                null,
                null,
                null,
                null,
                null,
                null,
                wait,
                null,
                requestId,
                reuseDaysLeft,
                keyType,
                null,
                false);
    }

    private Path only(String glob) throws IOException {
        try (Stream<Path> files = Files.list(workspace.resolve("digicert"))) {
            List<Path> matching = files.filter(file ->
                            file.getFileSystem().getPathMatcher("glob:" + glob).matches(file.getFileName()))
                    .toList();
            assertEquals(1, matching.size(), glob + ": " + matching);
            return matching.get(0);
        }
    }

    private static X509Certificate leaf(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void theKeyIsMadeForTheOrdersNamesAndPlacedBesideItsCertificate() throws Exception {
        DuplicateOutcome outcome = run(keyType("EC-P256"));

        assertEquals(
                List.of("make EC-P256 example.com [example.com, www.example.com] " + KEY_FILE),
                agentCalls,
                "the names were read from the order and checked before the key was made");
        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        X509Certificate certificate = leaf(workspace.resolve("digicert/certificate.pem"));
        assertEquals(
                List.of(),
                PrivateKeyFiles.keyOf(
                                workspace,
                                KEY_FILE,
                                outcome.record().orElseThrow().keyTag(),
                                certificate.getPublicKey())
                        .stream()
                        .toList(),
                "the key in place is the certificate's");
        assertEquals(
                List.of("certificate.pem", "chain.pem", "fullchain.pem", "root.pem", "duplicate.json"),
                outcome.result().files(),
                "the key is none of the files that are archived");
        assertFalse(outcome.workspacePaths().contains(KEY_FILE));
        assertTrue(Files.exists(only("request-*.csr")), "the CSR beside the key");
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void theKeyNeverShowsAnywhereButInItsFile() throws Exception {
        DuplicateOutcome outcome = run(keyType("RSA-2048"));

        String pem = Files.readString(workspace.resolve(KEY_FILE), StandardCharsets.US_ASCII);
        List<String> secrets = new ArrayList<>();
        for (String line : pem.split("\n")) {
            if (line.length() == 64) {
                secrets.add(line); // every full line of the base64 body (a short last line could occur anywhere)
            }
        }
        secrets.add(pem.replace("\n", "")
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        List<String> texts = new ArrayList<>(log);
        texts.add(outcome.result().toMap().toString());
        for (Map.Entry<String, byte[]> file : outcome.files().contents().entrySet()) {
            texts.add(new String(file.getValue(), StandardCharsets.US_ASCII));
        }
        texts.add(outcome.record().orElseThrow().toString());
        texts.add(String.valueOf(Delivery.of(outcome)));
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.equals(workspace.resolve(KEY_FILE))) {
                    texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        texts.add(new String(serialized(outcome.record().orElseThrow()), StandardCharsets.ISO_8859_1));
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "the private key leaked into: " + text);
            }
        }
    }

    private static byte[] serialized(Object value) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void aPendingRequestKeepsItsKeyAsidAndThePreviousPairStaysUntilTheNewOneIsComplete() throws Exception {
        Files.createDirectories(workspace.resolve("digicert"));
        Files.writeString(workspace.resolve(KEY_FILE), "previous key");
        Files.writeString(workspace.resolve("digicert/certificate.pem"), "previous certificate");
        simulator.setIssuance(Issuance.pendingThenIssued(1));

        DuplicateOutcome pending = run(parameters(null, "EC-P384", false, null, null));

        assertEquals(DuplicateResult.PENDING, pending.result().status());
        assertEquals("previous key", Files.readString(workspace.resolve(KEY_FILE)));
        assertEquals("previous certificate", Files.readString(workspace.resolve("digicert/certificate.pem")));
        Path waiting = only("private-key.pem.*.pending");
        Path request = only("request-*.csr");

        // A later build collects the request with the CSR the first one wrote: the waiting key takes its place.
        long requestId = pending.result().requestIds().get(0);
        DuplicateOutcome collected =
                run(parameters(workspace.relativize(request).toString(), null, true, null, String.valueOf(requestId)));

        assertEquals(DuplicateResult.ISSUED, collected.result().status());
        assertFalse(Files.exists(waiting));
        X509Certificate certificate = leaf(workspace.resolve("digicert/certificate.pem"));
        assertTrue(
                PrivateKeyFiles.keyOf(
                                workspace,
                                KEY_FILE,
                                collected.record().orElseThrow().keyTag(),
                                certificate.getPublicKey())
                        .isEmpty(),
                "the new key is in place, beside its certificate");
        assertEquals(1, simulator.duplicatesCreated());
    }

    @Test
    void aRetriedStepGoesOnWithTheKeyItMadeNeverASecondOne() throws Exception {
        simulator.setIssuance(Issuance.NEVER);
        StepParameters wait = new StepParameters(
                "1234567", null, null, null, null, null, null, null, true, 1, null, null, "RSA-3072", null, false);
        assertThrows(IssuanceTimeoutException.class, () -> run(wait));
        String firstCsr = records.all().get(0).csrPem();

        // Retried (a Pipeline retry): the same request, now approved; no new key, and the key goes with it.
        simulator.setIssuance(Issuance.IMMEDIATE);
        DuplicateOutcome outcome = run(wait);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertTrue(PrivateKeyFiles.keyOf(
                        workspace,
                        KEY_FILE,
                        outcome.record().orElseThrow().keyTag(),
                        leaf(workspace.resolve("digicert/certificate.pem")).getPublicKey())
                .isEmpty());

        assertEquals(
                1, agentCalls.stream().filter(call -> call.startsWith("make ")).count(), agentCalls::toString);
        assertEquals(1, simulator.duplicatesCreated());
        assertEquals(firstCsr, records.all().get(records.all().size() - 1).csrPem());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("This build already made a key pair for order")));
    }

    @Test
    void aPkcs12KeystoreHoldsTheKeyTheCertificateAndItsChain() throws Exception {
        DuplicateOutcome outcome = duplicate(keyType("EC-P256"));
        Delivery delivery = Delivery.of(outcome).withKeystore("s3cret-Pa55");
        assertFalse(delivery.toString().contains("s3cret-Pa55"), delivery::toString);

        AgentKeys.deliver(workspace, delivery);

        Path keystore = workspace.resolve("digicert/keystore.p12");
        if (keystore.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(
                    "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "s3cret-Pa55".toCharArray());
        }
        assertEquals(List.of("example.com"), java.util.Collections.list(store.aliases()));
        java.security.cert.Certificate[] chain = store.getCertificateChain("example.com");
        assertEquals(leaf(workspace.resolve("digicert/certificate.pem")), chain[0]);
        assertEquals(simulator.ca().issuing(), chain[1]);
        assertEquals(2, chain.length, "leaf and intermediate, as fullchain.pem");
        java.security.PrivateKey key =
                (java.security.PrivateKey) store.getKey("example.com", "s3cret-Pa55".toCharArray());
        assertEquals(
                PrivateKeyFiles.privateKey(Files.readAllBytes(workspace.resolve(KEY_FILE)), "EC"),
                key,
                "the key in the keystore is the one in private-key.pem");
        assertFalse(outcome.workspacePaths().contains("digicert/keystore.p12"), "never archived");
        opensslReads(keystore);
    }

    /** Where the machine has openssl, it reads the keystore too (the JDK's default protection is current). */
    private static void opensslReads(Path keystore) throws Exception {
        ProcessBuilder probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true);
        Process version;
        try {
            version = probe.start();
        } catch (IOException noOpenssl) {
            return; // not installed: the JDK's own reading above is the check
        }
        version.waitFor();
        Process info = new ProcessBuilder(
                        "openssl",
                        "pkcs12",
                        "-info",
                        "-nokeys",
                        "-in",
                        keystore.toString(),
                        "-passin",
                        "pass:s3cret-Pa55")
                .redirectErrorStream(true)
                .start();
        String output = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, info.waitFor(), output);
        assertTrue(output.contains("friendlyName: example.com"), output);
        assertTrue(output.contains("BEGIN CERTIFICATE"), output);
    }

    @Test
    void aKeystoreNeedsAKeyTheStepMakes() {
        StepParameters withFile = new StepParameters(
                "1234567",
                "tls/server.csr",
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(withFile));
        assertTrue(e.getMessage().startsWith("A PKCS#12 keystore needs the private key"), e.getMessage());
        assertEquals(0, simulator.requestCount());
    }

    @Test
    void anotherKeyFileInTheSameBuildIsAnotherKey() throws Exception {
        DuplicateOutcome web = run(keyType("EC-P256"));
        DuplicateOutcome mail = run(new StepParameters(
                "1234567", null, null, null, null, null, null, "mail", true, null, null, null, "EC-P256", null, false));

        assertEquals(2, agentCalls.size(), agentCalls::toString);
        assertEquals(2, simulator.duplicatesCreated());
        assertFalse(web.result().serialNumber().equals(mail.result().serialNumber()));
        assertTrue(Files.exists(workspace.resolve("mail/private-key.pem")));
    }

    @Test
    void aRejectedRequestNeverPutsItsKeyBesideAnyCertificate() throws Exception {
        Files.createDirectories(workspace.resolve("digicert"));
        Files.writeString(workspace.resolve(KEY_FILE), "previous key");
        simulator.setIssuance(Issuance.pendingThenRejected(1));

        assertThrows(DuplicateRejectedException.class, () -> run(keyType("EC-P256")));

        assertEquals("previous key", Files.readString(workspace.resolve(KEY_FILE)));
        assertFalse(Files.exists(workspace.resolve("digicert/certificate.pem")));
    }

    @Test
    void aMissingKeyStopsTheFilesFromBeingWritten() throws Exception {
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        DuplicateOutcome pending = run(parameters(null, "EC-P256", false, null, null));
        Files.delete(only("private-key.pem.*.pending"));

        Delivery issued = Delivery.of(collect(pending));

        InvalidInputException missing =
                assertThrows(InvalidInputException.class, () -> AgentKeys.deliver(workspace, issued));
        assertTrue(missing.getMessage().startsWith("The private key made for this request is not in the workspace"));
        assertFalse(Files.exists(workspace.resolve("digicert/certificate.pem")), "nothing written without its key");
    }

    /** The same build's step once more: it finishes the request it made, with the key it made. */
    private DuplicateOutcome collect(DuplicateOutcome pending) throws Exception {
        return duplicate(parameters(null, "EC-P256", true, null, null));
    }

    @Test
    void bothOrNeitherSourceAndTheOptionsAKeyMadeHereCannotUseAreRefusedBeforeAnything() {
        for (StepParameters bad : List.of(
                parameters("tls/server.csr", "EC-P256", true, null, null),
                parameters(null, null, true, null, null),
                parameters(" ", "", true, null, null),
                parameters(null, "RSA-1024", true, null, null),
                parameters(null, "EC-P256", true, 30, null),
                parameters(null, "EC-P256", true, null, "500000"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(bad), bad::toString);
            assertTrue(
                    e.getMessage().startsWith("Give csrFile")
                            || e.getMessage().startsWith("keyType 'RSA-1024' is not one DigiCert accepts")
                            || e.getMessage().startsWith("reuseDaysLeft has nothing to reuse")
                            || e.getMessage().startsWith("requestId collects a request made with an earlier key"),
                    e.getMessage());
        }
        assertEquals(List.of(), agentCalls);
        assertEquals(0, simulator.requestCount());
    }

    @Test
    void namesBrokenAgainstTheOrderStopBeforeAKeyIsMade() {
        StepParameters wrongName = new StepParameters(
                "1234567",
                null,
                "other.example.org",
                null,
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                "EC-P256",
                null,
                false);
        assertThrows(InvalidInputException.class, () -> run(wrongName));
        assertEquals(List.of(), agentCalls);
        assertEquals(0, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void theCsrMadeIsTheOneSent() throws Exception {
        DuplicateOutcome outcome = run(keyType("RSA-4096"));
        CertificateRequest sent = CsrParser.parse(records.all().get(0).csrPem().getBytes(StandardCharsets.US_ASCII));
        assertEquals("RSA 4096", sent.algorithm());
        assertEquals(
                Files.readString(only("request-*.csr")), records.all().get(0).csrPem());
        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
    }
}
