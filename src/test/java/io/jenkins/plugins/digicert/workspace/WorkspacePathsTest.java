package io.jenkins.plugins.digicert.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"server.csr", "tls/server.csr", "tls\\server.csr", "./tls/server.csr", "a..b/c"})
    void workspacePathsInside(String path) throws Exception {
        assertEquals(path.replace('\\', '/'), WorkspacePaths.check(path, "csrFile"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/passwd",
                "\\\\server\\share\\x",
                "C:\\x.csr",
                "c:/x.csr",
                "../x.csr",
                "tls/../../x",
                "tls\\..\\..\\x",
                "~/x.csr"
            })
    void workspacePathsOutside(String path) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> WorkspacePaths.check(path, "csrFile"));
        assertTrue(e.getMessage().startsWith("csrFile '"), e.getMessage());
    }

    @Test
    void emptyWorkspacePathAndNul() {
        assertMessage(() -> WorkspacePaths.check(" ", "outputDir"), "outputDir is required");
        assertMessage(() -> WorkspacePaths.check("a\0b", "outputDir"), "contains a NUL character");
    }

    @Test
    void relativePathsForArchiving() throws Exception {
        assertEquals(List.of("a/b/x.pem"), WorkspacePaths.relativePaths("a/./b/", List.of("x.pem")));
        assertEquals(List.of("x.pem"), WorkspacePaths.relativePaths(".", List.of("x.pem")));
    }

    @Test
    void anAbsoluteOutputDirIsAnsweredWithADirectoryAsExample() {
        assertMessage(() -> WorkspacePaths.check("/srv/tls", "outputDir"), "such as 'out/tls'");
        assertMessage(() -> WorkspacePaths.check("/srv/tls/server.csr", "csrFile"), "such as 'tls/server.csr'");
    }

    @Test
    void aNulCharacterAnywhereIsRefused() {
        assertMessage(() -> WorkspacePaths.check("\0tls/server.csr", "csrFile"), "contains a NUL character");
        assertMessage(() -> WorkspacePaths.check("tls/server.csr\0", "csrFile"), "contains a NUL character");
    }

    interface Call {
        void run() throws Exception;
    }

    private static void assertMessage(Call call, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }
}
