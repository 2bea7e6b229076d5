package io.jenkins.plugins.digicert.workspace;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reading the CSR from and writing the output files into a workspace, where the workspace lives (in Jenkins:
 * on the agent). Paths were checked as text by {@link WorkspacePaths#check}; here the file system is asked
 * too, so that a symbolic link cannot lead a read or a write out of the workspace.
 */
public final class WorkspaceFiles {

    private WorkspaceFiles() {}

    /** The CSR file's bytes, if it really lies inside the workspace, is a regular file and is small enough. */
    public static byte[] readCsr(Path workspace, String relativePath, int maxBytes)
            throws InvalidInputException, IOException {
        String path = WorkspacePaths.check(relativePath, "csrFile");
        Path base;
        try {
            base = workspace.toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("csrFile '" + path + "' was not found: the workspace does not exist yet. "
                    + "Check out or create the CSR before this step.");
        }
        Path file = base.resolve(path).normalize();
        if (!file.startsWith(base)) {
            throw new InvalidInputException("csrFile '" + path + "' leads out of the workspace.");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException("csrFile '" + path + "' was not found in the workspace " + base + ".");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(base)) {
            throw new InvalidInputException("csrFile '" + path + "' is a symbolic link (or lies under one) that leads "
                    + "out of the workspace; refusing to read it.");
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidInputException("csrFile '" + path + "' is not a regular file.");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(real)) {
            content = in.readNBytes(maxBytes + 1);
        }
        if (content.length > maxBytes) {
            throw new InvalidInputException("csrFile '" + path + "' is larger than " + maxBytes
                    + " bytes, far more than a certificate signing request; is it the right file?");
        }
        return content;
    }

    /**
     * Writes the files into a directory of the workspace (created if needed) with {@link OutputWriter}, refusing
     * a directory that is, or passes through, a symbolic link.
     */
    public static List<Path> writeOutputs(Path workspace, String relativeDir, Map<String, byte[]> files)
            throws InvalidInputException, IOException {
        return OutputWriter.write(directory(workspace, relativeDir, "outputDir"), files);
    }

    /**
     * A directory of the workspace, created if needed, refused if it is, or passes through, a symbolic link or leads
     * out of the workspace.
     */
    static Path directory(Path workspace, String relativeDir, String field) throws InvalidInputException, IOException {
        String dir = WorkspacePaths.check(relativeDir, field);
        Files.createDirectories(workspace); // a node block's workspace exists only once something is written to it
        Path base = workspace.toRealPath();
        Path directory = base;
        for (String segment : dir.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            directory = directory.resolve(segment);
            if (Files.isSymbolicLink(directory)) {
                throw new InvalidInputException(field + " '" + dir + "' passes through the symbolic link "
                        + base.relativize(directory) + "; refusing to write through it.");
            }
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
                throw new InvalidInputException(
                        field + " '" + dir + "': " + base.relativize(directory) + " exists and is not a directory.");
            }
        }
        Files.createDirectories(directory);
        if (!directory.toRealPath().startsWith(base)) {
            throw new InvalidInputException(field + " '" + dir + "' leads out of the workspace.");
        }
        return directory;
    }
}
