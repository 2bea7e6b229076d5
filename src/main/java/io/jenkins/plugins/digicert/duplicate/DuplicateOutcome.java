package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.pki.CertificateChain;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import java.util.List;
import java.util.function.UnaryOperator;

/** A finished run of the workflow: the result and the files that go with it. */
public final class DuplicateOutcome {

    private final DuplicateResult result;
    private final CertificateChain chain;
    private final OutputFiles files;

    private DuplicateOutcome(DuplicateResult result, CertificateChain chain) {
        this.result = result;
        this.chain = chain;
        this.files = OutputFiles.with(chain, result);
    }

    static DuplicateOutcome issued(
            long orderId, List<Long> requestIds, long certificateId, CertificateChain chain, List<String> warnings) {
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
                warnings);
        return new DuplicateOutcome(result, chain);
    }

    static DuplicateOutcome pending(
            long orderId, Submission submission, String commonName, List<String> dnsNames, List<String> warnings) {
        DuplicateResult result = new DuplicateResult(
                orderId,
                submission.requestIds(),
                null,
                DuplicateResult.PENDING,
                commonName,
                dnsNames,
                null,
                null,
                null,
                null,
                List.of(OutputFiles.SUMMARY),
                warnings);
        return new DuplicateOutcome(result, null);
    }

    /** The same outcome with every text of the result, and so of {@code duplicate.json}, passed through the mask. */
    DuplicateOutcome masked(UnaryOperator<String> mask) {
        return new DuplicateOutcome(result.masked(mask), chain);
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
