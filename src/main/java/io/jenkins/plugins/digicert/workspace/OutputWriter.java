package io.jenkins.plugins.digicert.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes output files so that a failure never leaves a half-written file or loses a good one: every file is
 * written in full to a temporary name beside its target first, and only when all are written are they renamed
 * into place. Until then the previous files stay as they were.
 */
public final class OutputWriter {

    private OutputWriter() {}

    public static List<Path> write(Path directory, Map<String, byte[]> files) throws IOException {
        for (String name : files.keySet()) {
            if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.isBlank()) {
                throw new IllegalArgumentException("Not a plain file name: " + name);
            }
        }
        if (Files.isSymbolicLink(directory)) {
            throw new IOException(
                    "The output directory " + directory + " is a symbolic link; refusing to write through it.");
        }
        Files.createDirectories(directory);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(target + " is a directory; remove it or choose another outputDir.");
                }
                Path temporary = directory.resolve("." + file.getKey() + "." + tag + ".tmp");
                try (OutputStream out =
                        Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    out.write(file.getValue());
                }
                staged.put(temporary, target);
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Path, Path> move : staged.entrySet()) {
                moveIntoPlace(move.getKey(), move.getValue());
                written.add(move.getValue());
            }
            return written;
        } finally {
            for (Path temporary : staged.keySet()) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
