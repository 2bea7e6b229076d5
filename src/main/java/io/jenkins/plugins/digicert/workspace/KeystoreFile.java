package io.jenkins.plugins.digicert.workspace;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;

/**
 * {@code keystore.p12} for Java and Windows servers: the private key with the leaf and its chain under one alias,
 * in the JDK's PKCS#12 with its current default protection (AES-256 and HMAC-SHA256 since Java 17), written on the
 * agent beside the other files, owner-only like the key. Never archived.
 */
public final class KeystoreFile {

    public static final String NAME = "keystore.p12";

    private KeystoreFile() {}

    /**
     * @param chainPem the leaf first, then the intermediates ({@code fullchain.pem})
     * @param password cleared by the caller
     */
    public static void write(
            Path workspace, String outputDir, Path keyFile, byte[] chainPem, String alias, char[] password)
            throws InvalidInputException, IOException {
        Path directory = WorkspaceFiles.directory(workspace, outputDir, "outputDir");
        byte[] keyPem = Files.readAllBytes(keyFile);
        try {
            List<? extends Certificate> chain = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(chainPem)));
            PrivateKey key = PrivateKeyFiles.privateKey(
                    keyPem, chain.get(0).getPublicKey().getAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            Path temporary =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                            ? Files.createTempFile(
                                    directory,
                                    ".keystore",
                                    ".tmp",
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                            : Files.createTempFile(directory, ".keystore", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, password);
                }
                Files.move(temporary, directory.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
            throw new InvalidInputException("The PKCS#12 keystore could not be written: " + e.getMessage());
        } finally {
            Arrays.fill(keyPem, (byte) 0);
        }
    }
}
