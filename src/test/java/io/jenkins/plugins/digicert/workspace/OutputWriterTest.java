package io.jenkins.plugins.digicert.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFileAndCreatesTheDirectory() throws Exception {
        Path out = dir.resolve("a/b");
        List<Path> written = OutputWriter.write(out, files("one", "two"));
        assertEquals(List.of(out.resolve("certificate.pem"), out.resolve("duplicate.json")), written);
        assertEquals("one", Files.readString(out.resolve("certificate.pem")));
        assertEquals(List.of("certificate.pem", "duplicate.json"), names(out));
    }

    @Test
    void replacesEarlierFiles() throws Exception {
        OutputWriter.write(dir, files("old", "old"));
        OutputWriter.write(dir, files("new", "new"));
        assertEquals("new", Files.readString(dir.resolve("duplicate.json")));
        assertEquals(List.of("certificate.pem", "duplicate.json"), names(dir));
    }

    @Test
    void aFailureLeavesTheEarlierFilesWholeAndNoTemporaryFiles() throws Exception {
        OutputWriter.write(dir, files("old cert", "old json"));
        Map<String, byte[]> next = new LinkedHashMap<>(files("new cert", "new json"));
        Files.createDirectory(dir.resolve("root.pem")); // a file that cannot be written
        next.put("root.pem", bytes("root"));

        IOException e = assertThrows(IOException.class, () -> OutputWriter.write(dir, next));

        assertTrue(e.getMessage().contains("root.pem is a directory"), e.getMessage());
        assertEquals("old cert", Files.readString(dir.resolve("certificate.pem")));
        assertEquals("old json", Files.readString(dir.resolve("duplicate.json")));
        assertEquals(List.of("certificate.pem", "duplicate.json", "root.pem"), names(dir));
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
        for (String bad : List.of("../x", "a/b", "a\\b", ".hidden", " ")) {
            assertThrows(IllegalArgumentException.class, () -> OutputWriter.write(dir, Map.of(bad, bytes("x"))), bad);
        }
    }

    @Test
    void refusesASymlinkedDirectory() throws Exception {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("out"), target);
        } catch (UnsupportedOperationException | IOException e) {
            return; // the file system has no symbolic links, so there is nothing to refuse
        }
        IOException e = assertThrows(IOException.class, () -> OutputWriter.write(link, files("a", "b")));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertEquals(List.of(), names(target));
    }

    private static Map<String, byte[]> files(String certificate, String json) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("certificate.pem", bytes(certificate));
        files.put("duplicate.json", bytes(json));
        return files;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> String.valueOf(p.getFileName())).sorted().toList();
        }
    }
}
