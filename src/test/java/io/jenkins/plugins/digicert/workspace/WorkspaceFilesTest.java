package io.jenkins.plugins.digicert.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {

    @TempDir
    Path root;

    private Path workspace;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        workspace = Files.createDirectories(root.resolve("workspace"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.csr"), "not yours");
        Files.createDirectories(workspace.resolve("tls"));
        Files.writeString(workspace.resolve("tls/server.csr"), "csr");
    }

    @Test
    void readsAFileInsideTheWorkspace() throws Exception {
        assertArrayEquals(bytes("csr"), WorkspaceFiles.readCsr(workspace, "tls/server.csr", 100));
        assertArrayEquals(bytes("csr"), WorkspaceFiles.readCsr(workspace, "tls\\server.csr", 100));
    }

    @Test
    void refusesPathsOutOfTheWorkspace() {
        assertMessage(
                () -> WorkspaceFiles.readCsr(workspace, "../outside/secret.csr", 100), "leads out of the workspace");
        assertMessage(
                () -> WorkspaceFiles.readCsr(
                        workspace, outside.resolve("secret.csr").toString(), 100),
                "is absolute");
    }

    @Test
    void refusesASymbolicLinkOutOfTheWorkspace() throws Exception {
        symlink(workspace.resolve("link.csr"), outside.resolve("secret.csr"));
        symlink(workspace.resolve("linked-dir"), outside);
        assertMessage(() -> WorkspaceFiles.readCsr(workspace, "link.csr", 100), "symbolic link");
        assertMessage(() -> WorkspaceFiles.readCsr(workspace, "linked-dir/secret.csr", 100), "symbolic link");
    }

    @Test
    void followsASymbolicLinkThatStaysInside() throws Exception {
        symlink(workspace.resolve("current.csr"), workspace.resolve("tls/server.csr"));
        assertArrayEquals(bytes("csr"), WorkspaceFiles.readCsr(workspace, "current.csr", 100));
    }

    @Test
    void missingDirectoryAndOversizedFiles() throws Exception {
        assertMessage(() -> WorkspaceFiles.readCsr(workspace, "nope.csr", 100), "was not found in the workspace");
        assertMessage(() -> WorkspaceFiles.readCsr(workspace, "tls", 100), "is not a regular file");
        assertMessage(
                () -> WorkspaceFiles.readCsr(root.resolve("no-workspace"), "x.csr", 100), "workspace does not exist");
        Files.write(workspace.resolve("big.csr"), new byte[101]);
        assertMessage(() -> WorkspaceFiles.readCsr(workspace, "big.csr", 100), "larger than 100 bytes");
    }

    @Test
    void writesIntoANewDirectory() throws Exception {
        List<Path> written =
                WorkspaceFiles.writeOutputs(workspace, "out/certs", Map.of("certificate.pem", bytes("pem")));
        assertEquals(List.of(workspace.toRealPath().resolve("out/certs/certificate.pem")), written);
        assertEquals("pem", Files.readString(workspace.resolve("out/certs/certificate.pem")));
    }

    @Test
    void writesAgainIntoTheDirectoryOfAnEarlierBuild() throws Exception {
        WorkspaceFiles.writeOutputs(workspace, "out/certs", Map.of("certificate.pem", bytes("first")));
        WorkspaceFiles.writeOutputs(workspace, "out/certs", Map.of("certificate.pem", bytes("second")));
        assertEquals("second", Files.readString(workspace.resolve("out/certs/certificate.pem")));
    }

    @Test
    void aCsrOfExactlyTheLimitIsRead() throws Exception {
        Files.write(workspace.resolve("edge.csr"), new byte[100]);
        assertEquals(100, WorkspaceFiles.readCsr(workspace, "edge.csr", 100).length);
    }

    @Test
    void refusesToWriteThroughASymbolicLink() throws Exception {
        symlink(workspace.resolve("out"), outside);
        assertMessage(
                () -> WorkspaceFiles.writeOutputs(workspace, "out/certs", Map.of("certificate.pem", bytes("x"))),
                "passes through the symbolic link out");
        assertFalse(Files.exists(outside.resolve("certs")));
    }

    @Test
    void refusesADirectoryThatIsAFile() {
        assertMessage(
                () -> WorkspaceFiles.writeOutputs(workspace, "tls/server.csr", Map.of("certificate.pem", bytes("x"))),
                "exists and is not a directory");
        assertMessage(
                () -> WorkspaceFiles.writeOutputs(workspace, "../outside", Map.of("certificate.pem", bytes("x"))),
                "leads out of the workspace");
    }

    interface Call {
        void run() throws Exception;
    }

    private static void assertMessage(Call call, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system has no symbolic links: " + e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
