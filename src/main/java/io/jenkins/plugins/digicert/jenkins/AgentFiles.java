package io.jenkins.plugins.digicert.jenkins;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.duplicate.AgentKeys;
import io.jenkins.plugins.digicert.duplicate.Delivery;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.workspace.WorkspaceFiles;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** Writes a finished duplicate's files, atomically, and puts its private key in place when one goes with them. */
    static Result deliver(FilePath workspace, Delivery delivery) throws IOException, InterruptedException {
        return workspace.act(new Deliver(delivery));
    }

    /**
     * Makes a key pair and its CSR on the agent ({@link AgentKeys#make}): the key is written there, owner-only; the
     * result's content is the CSR, the only thing that comes back.
     */
    static Result makeKey(FilePath workspace, KeyType type, String commonName, List<String> dnsNames, String keyFile)
            throws IOException, InterruptedException {
        return workspace.act(new MakeKey(type, commonName, dnsNames, keyFile));
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

    private static final class Deliver extends MasterToSlaveFileCallable<Result> {
        private static final long serialVersionUID = 1L;

        private final Delivery delivery;

        Deliver(Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public Result invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                AgentKeys.deliver(workspace.toPath(), delivery);
                return new Result(null, null);
            } catch (InvalidInputException e) {
                return new Result(null, e.getMessage());
            } catch (IOException e) {
                return new Result(
                        null,
                        "Could not write the certificate files to outputDir '" + delivery.outputDir() + "': "
                                + e.getMessage());
            }
        }
    }

    private static final class MakeKey extends MasterToSlaveFileCallable<Result> {
        private static final long serialVersionUID = 1L;

        private final KeyType type;
        private final String commonName;
        private final ArrayList<String> dnsNames;
        private final String keyFile;

        MakeKey(KeyType type, String commonName, List<String> dnsNames, String keyFile) {
            this.type = type;
            this.commonName = commonName;
            this.dnsNames = new ArrayList<>(dnsNames);
            this.keyFile = keyFile;
        }

        @Override
        public Result invoke(File workspace, VirtualChannel channel) throws IOException {
            try {
                String csr = AgentKeys.make(workspace.toPath(), type, commonName, dnsNames, keyFile);
                return new Result(csr.getBytes(StandardCharsets.US_ASCII), null);
            } catch (DigicertException e) {
                return new Result(null, e.getMessage());
            } catch (IOException e) {
                return new Result(
                        null,
                        "Could not write the private key to privateKeyFile '" + keyFile + "': "
                                + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
