package io.jenkins.plugins.digicert.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private key on the agent: owner-only, under a name of its own, placed only beside its own certificate. */
class PrivateKeyFilesTest {

    private static final String KEY_FILE = "digicert/private-key.pem";
    private static final String TAG = "0123456789abcdef";

    @TempDir
    Path workspace;

    private static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("EC") ? 256 : 2048);
        return generator.generateKeyPair();
    }

    private static byte[] pem(KeyPair keys) {
        return ("-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void thePendingKeyIsOwnerOnlyAndNothingElseIsLeftBehind() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        byte[] pem = pem(keys("EC"));

        PrivateKeyFiles.writePending(workspace, KEY_FILE, TAG, pem);

        Path pending = workspace.resolve("digicert/private-key.pem." + TAG + ".pending");
        assertArrayEquals(pem, Files.readAllBytes(pending));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pending)));
        try (Stream<Path> files = Files.list(workspace.resolve("digicert"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        assertFalse(Files.exists(workspace.resolve(KEY_FILE)), "the key waits under its own name");
    }

    @Test
    void theKeyIsFoundOnlyForItsOwnCertificateKeyAndThenPlaced() throws Exception {
        KeyPair mine = keys("RSA");
        KeyPair other = keys("RSA");
        Files.createDirectories(workspace.resolve("digicert"));
        Files.writeString(workspace.resolve(KEY_FILE), "the previous build's key");
        PrivateKeyFiles.writePending(workspace, KEY_FILE, TAG, pem(mine));

        InvalidInputException refused = assertThrows(
                InvalidInputException.class, () -> PrivateKeyFiles.keyOf(workspace, KEY_FILE, TAG, other.getPublic()));
        assertTrue(refused.getMessage().startsWith("The private key made for this request is not in the workspace"));
        assertEquals("the previous build's key", Files.readString(workspace.resolve(KEY_FILE)), "left as it was");

        Optional<Path> pending = PrivateKeyFiles.keyOf(workspace, KEY_FILE, TAG, mine.getPublic());
        assertTrue(pending.isPresent());
        PrivateKeyFiles.place(pending.get(), workspace, KEY_FILE);

        assertTrue(Files.readString(workspace.resolve(KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertFalse(PrivateKeyFiles.pendingExists(workspace, KEY_FILE, TAG));
        // Placed already (a second finish of the same request): found in place, nothing to move.
        assertEquals(Optional.empty(), PrivateKeyFiles.keyOf(workspace, KEY_FILE, TAG, mine.getPublic()));
    }

    @Test
    void anEcKeyIsProvedByItsSignatureToo() throws Exception {
        KeyPair mine = keys("EC");
        PrivateKeyFiles.writePending(workspace, KEY_FILE, TAG, pem(mine));
        assertTrue(PrivateKeyFiles.keyOf(workspace, KEY_FILE, TAG, mine.getPublic())
                .isPresent());
        assertThrows(
                InvalidInputException.class,
                () -> PrivateKeyFiles.keyOf(
                        workspace, KEY_FILE, TAG, keys("RSA").getPublic()));
    }

    @Test
    void noKeyGoesThroughASymbolicLinkOrOutOfTheWorkspace(@TempDir Path elsewhere) throws Exception {
        Files.createSymbolicLink(workspace.resolve("digicert"), elsewhere);
        InvalidInputException link = assertThrows(
                InvalidInputException.class,
                () -> PrivateKeyFiles.writePending(workspace, KEY_FILE, TAG, pem(keys("EC"))));
        assertTrue(link.getMessage().contains("symbolic link"), link.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> PrivateKeyFiles.writePending(workspace, "../key.pem", TAG, pem(keys("EC"))));
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aWorkspaceThatDoesNotExistYetIsCreated() throws Exception {
        Path fresh = workspace.resolve("never-written");
        PrivateKeyFiles.writePending(fresh, KEY_FILE, TAG, pem(keys("EC")));
        assertTrue(PrivateKeyFiles.pendingExists(fresh, KEY_FILE, TAG));
    }

    @Test
    void theCsrIsWrittenBesideTheKey() throws Exception {
        PrivateKeyFiles.writeRequest(workspace, KEY_FILE, TAG, "csr".getBytes(StandardCharsets.US_ASCII));
        assertEquals("digicert/request-" + TAG + ".csr", PrivateKeyFiles.requestPath(KEY_FILE, TAG));
        assertEquals("csr", Files.readString(workspace.resolve("digicert/request-" + TAG + ".csr")));
        assertEquals("request-" + TAG + ".csr", PrivateKeyFiles.requestPath("private-key.pem", TAG));
    }
}
