package io.jenkins.plugins.digicert.jenkins;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.digicert.duplicate.OutputWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The only file access of the plugin, run on the agent that owns the workspace. Paths given here were already
 * checked by {@code Inputs.workspacePath} (relative, no '..'); these callables add what only the agent can check:
 * symbolic links that lead out of the workspace. Refusals come back as a {@link Result} with a readable message
 * rather than as an exception, so the build log shows the message and not a remoting stack trace.
 */
final class WorkspaceFiles {

    private WorkspaceFiles() {}

    /** What a callable reports: content, or a problem to show to the user. */
    static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] content;
        private final String problem;

        private Result(byte[] content, String problem) {
            this.content = content;
            this.problem = problem;
        }

        static Result ok(byte[] content) {
            return new Result(content, null);
        }

        static Result refused(String problem) {
            return new Result(null, problem);
        }

        boolean isOk() {
            return problem == null;
        }

        byte[] content() {
            return content == null ? new byte[0] : content.clone();
        }

        String problem() {
            return problem;
        }
    }

    /** Reads the CSR at a workspace-relative path, if it really lies inside the workspace and is small enough. */
    static Result readCsr(FilePath workspace, String relativePath, int maxBytes)
            throws IOException, InterruptedException {
        return workspace.act(new ReadCsr(relativePath, maxBytes));
    }

    /** Writes the files into a workspace-relative directory, atomically (see {@link OutputWriter}). */
    static Result writeOutputs(FilePath workspace, String relativeDir, Map<String, byte[]> files)
            throws IOException, InterruptedException {
        return workspace.act(new WriteOutputs(relativeDir, files));
    }

    private static final class ReadCsr extends MasterToSlaveFileCallable<Result> {
        private static final long serialVersionUID = 1L;

        private final String relativePath;
        private final int maxBytes;

        ReadCsr(String relativePath, int maxBytes) {
            this.relativePath = relativePath;
            this.maxBytes = maxBytes;
        }

        @Override
        public Result invoke(File workspace, VirtualChannel channel) throws IOException {
            Path base;
            try {
                base = workspace.toPath().toRealPath();
            } catch (NoSuchFileException e) {
                return Result.refused("csrFile '" + relativePath + "' was not found: the workspace " + workspace
                        + " does not exist yet. Check out or create the CSR before this step.");
            }
            Path file = base.resolve(relativePath).normalize();
            if (!file.startsWith(base)) {
                return Result.refused("csrFile '" + relativePath + "' leads out of the workspace.");
            }
            if (!Files.exists(file)) {
                return Result.refused("csrFile '" + relativePath + "' was not found in the workspace " + base + ".");
            }
            Path real = file.toRealPath();
            if (!real.startsWith(base)) {
                return Result.refused("csrFile '" + relativePath + "' is a symbolic link (or lies under one) that "
                        + "leads out of the workspace; refusing to read it.");
            }
            if (!Files.isRegularFile(real)) {
                return Result.refused("csrFile '" + relativePath + "' is not a regular file.");
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(real)) {
                content = in.readNBytes(maxBytes + 1);
            }
            if (content.length > maxBytes) {
                return Result.refused("csrFile '" + relativePath + "' is larger than " + maxBytes
                        + " bytes, far more than a certificate signing request; is it the right file?");
            }
            return Result.ok(content);
        }
    }

    private static final class WriteOutputs extends MasterToSlaveFileCallable<Result> {
        private static final long serialVersionUID = 1L;

        private final String relativeDir;
        private final LinkedHashMap<String, byte[]> files;

        WriteOutputs(String relativeDir, Map<String, byte[]> files) {
            this.relativeDir = relativeDir;
            this.files = new LinkedHashMap<>(files);
        }

        @Override
        public Result invoke(File workspace, VirtualChannel channel) throws IOException {
            Path base = workspace.toPath().toRealPath();
            Path directory = base;
            for (String segment : relativeDir.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                directory = directory.resolve(segment);
                if (Files.isSymbolicLink(directory)) {
                    return Result.refused("outputDir '" + relativeDir + "' passes through the symbolic link "
                            + base.relativize(directory) + "; refusing to write through it.");
                }
                if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
                    return Result.refused("outputDir '" + relativeDir + "': " + base.relativize(directory)
                            + " exists and is not a directory.");
                }
            }
            directory = directory.normalize();
            if (!directory.startsWith(base)) {
                return Result.refused("outputDir '" + relativeDir + "' leads out of the workspace.");
            }
            Files.createDirectories(directory);
            if (!directory.toRealPath().startsWith(base)) {
                return Result.refused("outputDir '" + relativeDir + "' leads out of the workspace.");
            }
            try {
                OutputWriter.write(directory, files);
            } catch (IOException e) {
                return Result.refused(
                        "Could not write the certificate files to outputDir '" + relativeDir + "': " + e.getMessage());
            }
            return Result.ok(null);
        }
    }
}
