package io.jenkins.plugins.digicert.workspace;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The private key the step made, on the agent that holds the workspace. It is written, owner-only where the file
 * system has POSIX permissions, under a name of its own ({@code <privateKeyFile>.<tag>.pending}, the tag naming the
 * key) before the request is sent, so that a restart or a later collection still has it; and it takes the place of
 * {@code privateKeyFile} only together with its certificate, after checking that the two belong together. Until
 * then the previous key and certificate in a reused workspace stay as they were.
 */
public final class PrivateKeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Challenges for the proof that a key belongs to a certificate. */
    private static final SecureRandom CHALLENGES = new SecureRandom();

    private PrivateKeyFiles() {}

    /** Where a key waits for its certificate: beside {@code keyFile}, named after the key. */
    public static String pendingPath(String keyFile, String tag) {
        return keyFile + "." + tag + ".pending";
    }

    /** Writes the key under its pending name, owner-only from the start (never readable by others, even briefly). */
    public static void writePending(Path workspace, String keyFile, String tag, byte[] pem)
            throws InvalidInputException, IOException {
        Path target = inWorkspace(workspace, pendingPath(keyFile, tag));
        Path directory = target.toAbsolutePath().getParent();
        if (directory == null) {
            throw new IOException("No directory for " + target);
        }
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        directory, ".private-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".private-key", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(pem);
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Where the CSR of that key is written: beside the key, {@code request-<tag>.csr}. */
    public static String requestPath(String keyFile, String tag) {
        int slash = keyFile.lastIndexOf('/');
        return (slash < 0 ? "" : keyFile.substring(0, slash + 1)) + "request-" + tag + ".csr";
    }

    /** Writes the key's CSR (public) beside it, for a later build that collects the request by its id. */
    public static void writeRequest(Path workspace, String keyFile, String tag, byte[] csrPem)
            throws InvalidInputException, IOException {
        String path = WorkspacePaths.check(requestPath(keyFile, tag), "privateKeyFile");
        int slash = path.lastIndexOf('/');
        OutputWriter.write(
                WorkspaceFiles.directory(workspace, slash < 0 ? "." : path.substring(0, slash), "privateKeyFile"),
                java.util.Map.of(path.substring(slash + 1), csrPem));
    }

    /** Whether the key of this tag still waits in the workspace. */
    public static boolean pendingExists(Path workspace, String keyFile, String tag)
            throws InvalidInputException, IOException {
        return Files.isRegularFile(inWorkspace(workspace, pendingPath(keyFile, tag)), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The key that belongs to this certificate: the pending one, or (when an earlier run of the same request already
     * put it in place) {@code keyFile}. Proved by a signature the certificate's public key verifies, so that a key
     * is never placed beside a certificate that is not its own.
     *
     * @return the pending key's path when it still has to be put in place, empty when it is in place already
     * @throws InvalidInputException when neither file holds the certificate's key: then nothing may be written
     */
    public static Optional<Path> keyOf(Path workspace, String keyFile, String tag, PublicKey certificateKey)
            throws InvalidInputException, IOException {
        Path pending = inWorkspace(workspace, pendingPath(keyFile, tag));
        if (Files.isRegularFile(pending, LinkOption.NOFOLLOW_LINKS) && belongs(pending, certificateKey)) {
            return Optional.of(pending);
        }
        Path placed = inWorkspace(workspace, keyFile);
        if (Files.isRegularFile(placed, LinkOption.NOFOLLOW_LINKS) && belongs(placed, certificateKey)) {
            return Optional.empty();
        }
        throw new InvalidInputException("The private key made for this request is not in the workspace (expected "
                + pendingPath(keyFile, tag) + "): the certificate would be useless without it, so no file was "
                + "written. Was the workspace cleaned, or did the build move to another agent?");
    }

    /** Puts the pending key in place of {@code keyFile}. */
    public static void place(Path pending, Path workspace, String keyFile) throws InvalidInputException, IOException {
        move(pending, inWorkspace(workspace, keyFile));
    }

    /** Where {@code keyFile} is in the workspace, checked as every key path is. */
    public static Path located(Path workspace, String keyFile) throws InvalidInputException, IOException {
        return inWorkspace(workspace, keyFile);
    }

    /** Deletes a key whose request will never be issued (rejected): it would only lie around. */
    public static void discardPending(Path workspace, String keyFile, String tag)
            throws InvalidInputException, IOException {
        Files.deleteIfExists(inWorkspace(workspace, pendingPath(keyFile, tag)));
    }

    /** The key's bytes, for a keystore written with it. */
    public static byte[] read(Path key) throws IOException {
        return Files.readAllBytes(key);
    }

    private static boolean belongs(Path keyFile, PublicKey certificateKey) throws IOException {
        byte[] pem = Files.readAllBytes(keyFile);
        try {
            PrivateKey key = privateKey(pem, certificateKey.getAlgorithm());
            byte[] challenge = new byte[32];
            CHALLENGES.nextBytes(challenge);
            String algorithm = certificateKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not a key of this algorithm, or not a key at all: not this certificate's
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    /** An unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}) of the given algorithm. */
    public static PrivateKey privateKey(byte[] pem, String algorithm) throws GeneralSecurityException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** A workspace-relative file path, checked as text and against symbolic links; its directory is created. */
    private static Path inWorkspace(Path workspace, String relativePath) throws InvalidInputException, IOException {
        String path = WorkspacePaths.check(relativePath, "privateKeyFile");
        int slash = path.lastIndexOf('/');
        Path directory =
                WorkspaceFiles.directory(workspace, slash < 0 ? "." : path.substring(0, slash), "privateKeyFile");
        Path file = directory.resolve(path.substring(slash + 1));
        if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("privateKeyFile '" + path + "' is a symbolic link or a directory; refusing "
                    + "to write a private key there.");
        }
        return file;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
