package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.pki.NewKey;
import io.jenkins.plugins.digicert.workspace.KeystoreFile;
import io.jenkins.plugins.digicert.workspace.PrivateKeyFiles;
import io.jenkins.plugins.digicert.workspace.WorkspaceFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What runs on the agent that holds the workspace when the step makes the key: the key pair and its CSR, the key
 * written under its pending name, and later the certificate files with the key put in place beside them. Only the
 * CSR leaves the agent.
 */
public final class AgentKeys {

    private AgentKeys() {}

    /**
     * Makes a key pair and a CSR for the names, writes the key (owner-only) under its pending name beside
     * {@code keyFile}, and returns the CSR: the one thing that goes back to the controller.
     */
    public static String make(Path workspace, KeyType type, String commonName, List<String> dnsNames, String keyFile)
            throws DigicertException, IOException {
        NewKey key;
        try {
            key = NewKey.make(type, commonName, dnsNames);
        } catch (GeneralSecurityException e) {
            throw new DigicertException("This agent's Java could not make a " + type.label() + " key pair ("
                    + e.getMessage() + "). Choose another keyType, or make the CSR yourself and give csrFile.");
        }
        try {
            byte[] csrPem = key.csrPem().getBytes(StandardCharsets.US_ASCII);
            String tag = DuplicateWorkflow.spkiSha256(CsrParser.parse(csrPem)).substring(0, 16);
            PrivateKeyFiles.writePending(workspace, keyFile, tag, key.privateKeyPem());
            PrivateKeyFiles.writeRequest(workspace, keyFile, tag, csrPem);
            return key.csrPem();
        } finally {
            Arrays.fill(key.privateKeyPem(), (byte) 0);
        }
    }

    /** Writes a finished duplicate's files, and puts its key in place when one goes with them. */
    public static void deliver(Path workspace, Delivery delivery) throws InvalidInputException, IOException {
        String keyFile = delivery.keyFile();
        byte[] certificate = delivery.certificatePem();
        if (keyFile == null || certificate == null) {
            WorkspaceFiles.writeOutputs(workspace, delivery.outputDir(), delivery.files());
            return;
        }
        writeFiles(
                workspace,
                delivery.outputDir(),
                delivery.files(),
                keyFile,
                delivery.keyTag(),
                delivery.keyRequired(),
                certificate);
        String keystorePassword = delivery.keystorePassword();
        byte[] fullChain = delivery.fullChainPem();
        if (keystorePassword != null && fullChain != null) {
            char[] password = keystorePassword.toCharArray();
            try {
                KeystoreFile.write(
                        workspace,
                        delivery.outputDir(),
                        PrivateKeyFiles.located(workspace, keyFile),
                        fullChain,
                        delivery.keystoreAlias(),
                        password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * Writes the certificate files, then puts the request's key in place as {@code keyFile}. The key is found and
     * proved to be the certificate's before anything is written: if the step made it and it is gone, nothing is
     * written at all; if the CSR came from a file, a key waiting for it (an earlier build made it) is placed too.
     *
     * @param keyFile null when no key goes with the files
     */
    static void writeFiles(
            Path workspace,
            String outputDir,
            Map<String, byte[]> files,
            String keyFile,
            String keyTag,
            boolean keyRequired,
            byte[] certificatePem)
            throws InvalidInputException, IOException {
        Optional<Path> pending = Optional.empty();
        if (keyFile != null && (keyRequired || PrivateKeyFiles.pendingExists(workspace, keyFile, keyTag))) {
            pending = PrivateKeyFiles.keyOf(
                    workspace, keyFile, keyTag, leaf(certificatePem).getPublicKey());
        }
        WorkspaceFiles.writeOutputs(workspace, outputDir, files);
        if (pending.isPresent()) {
            PrivateKeyFiles.place(pending.get(), workspace, keyFile);
        }
    }

    private static X509Certificate leaf(byte[] pem) throws InvalidInputException {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new InvalidInputException("The issued certificate could not be read on the agent: " + e.getMessage());
        }
    }
}
