package io.jenkins.plugins.digicert.jenkins;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.workspace.WorkspaceFiles;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the core's {@link WorkspaceFiles} on the agent that owns the workspace. Refusals come back as a
 * {@link Result} with a readable message rather than as an exception, so the build log shows the message and
 * not a remoting stack trace.
 */
final class AgentFiles {

    private AgentFiles() {}

    /** What a callable reports: content, or a problem to show to the user. */
    static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] content;
        private final String problem;

        private Result(byte[] content, String problem) {
            this.content = content;
            this.problem = problem;
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

    /** Writes the files into a workspace-relative directory, atomically. */
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
            try {
                return new Result(WorkspaceFiles.readCsr(workspace.toPath(), relativePath, maxBytes), null);
            } catch (InvalidInputException e) {
                return new Result(null, e.getMessage());
            }
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
            try {
                WorkspaceFiles.writeOutputs(workspace.toPath(), relativeDir, files);
                return new Result(null, null);
            } catch (InvalidInputException e) {
                return new Result(null, e.getMessage());
            } catch (IOException e) {
                return new Result(
                        null,
                        "Could not write the certificate files to outputDir '" + relativeDir + "': " + e.getMessage());
            }
        }
    }
}
