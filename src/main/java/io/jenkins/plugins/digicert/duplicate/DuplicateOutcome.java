package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.pki.CertificateChain;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A finished run of the workflow: the result and the files that go with it. */
public final class DuplicateOutcome {

    private final DuplicateResult result;
    private final CertificateChain chain;
    private final OutputFiles files;
    private final String outputDir;
    private DuplicateRecord record;

    private DuplicateOutcome(DuplicateResult result, CertificateChain chain, String outputDir) {
        this.result = result;
        this.chain = chain;
        this.files = OutputFiles.with(chain, result);
        this.outputDir = outputDir;
    }

    private DuplicateOutcome(DuplicateResult result, CertificateChain chain) {
        this(result, chain, "");
    }

    static DuplicateOutcome issued(
            long orderId,
            List<Long> requestIds,
            long certificateId,
            CertificateChain chain,
            List<String> warnings,
            boolean reused) {
        CertificateFacts leaf = chain.leafFacts();
        DuplicateResult result = new DuplicateResult(
                orderId,
                requestIds,
                certificateId,
                DuplicateResult.ISSUED,
                leaf.commonName() != null ? leaf.commonName() : firstName(leaf),
                leaf.dnsNames(),
                leaf.serialNumber(),
                leaf.sha256Fingerprint(),
                leaf.notBefore().toString(),
                leaf.notAfter().toString(),
                OutputFiles.namesFor(chain),
                warnings,
                reused);
        return new DuplicateOutcome(result, chain);
    }

    static DuplicateOutcome pending(DuplicateRecord record) {
        DuplicateResult result = new DuplicateResult(
                record.orderId(),
                record.requestIds(),
                null,
                DuplicateResult.PENDING,
                record.commonName(),
                record.dnsNames(),
                null,
                null,
                null,
                null,
                List.of(OutputFiles.SUMMARY),
                record.warnings(),
                false);
        return new DuplicateOutcome(result, null);
    }

    /** The same outcome with every text of the result, and so of {@code duplicate.json}, passed through the mask. */
    DuplicateOutcome masked(UnaryOperator<String> mask) {
        return new DuplicateOutcome(result.masked(mask), chain, outputDir).recordedAs(record);
    }

    /** The same outcome, to be written to this workspace directory (normalized; empty for the workspace itself). */
    DuplicateOutcome placedIn(String directory) {
        return new DuplicateOutcome(result, chain, directory).recordedAs(record);
    }

    /** The build's record of this duplicate, which the Jenkins layer completes (archived files) and keeps. */
    public Optional<DuplicateRecord> record() {
        return Optional.ofNullable(record);
    }

    DuplicateOutcome recordedAs(DuplicateRecord duplicate) {
        this.record = duplicate;
        return this;
    }

    /** The files that belong to this duplicate alone: chain.pem and root.pem are the same in every build. */
    private static final List<String> OWN_FILES = List.of(OutputFiles.CERTIFICATE, OutputFiles.FULLCHAIN);

    /**
     * The MD5, by workspace path, of the files Jenkins should track (fingerprints): the certificate and the full
     * chain, which belong to this duplicate alone.
     */
    public Map<String, String> fingerprints() {
        Map<String, String> md5 = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.contents().entrySet()) {
            if (OWN_FILES.contains(file.getKey())) {
                String path = outputDir.isEmpty() ? file.getKey() : outputDir + "/" + file.getKey();
                md5.put(path, md5(file.getValue()));
            }
        }
        return md5;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /** The directory of the files, relative to the workspace: {@code .} for the workspace itself. */
    public String outputDir() {
        return outputDir.isEmpty() ? "." : outputDir;
    }

    /** Each file's path relative to the workspace, as it is written and archived. */
    public List<String> workspacePaths() {
        return files.names().stream()
                .map(name -> outputDir.isEmpty() ? name : outputDir + "/" + name)
                .toList();
    }

    public DuplicateResult result() {
        return result;
    }

    public OutputFiles files() {
        return files;
    }

    private static String firstName(CertificateFacts leaf) {
        return leaf.dnsNames().isEmpty() ? null : leaf.dnsNames().get(0);
    }
}
