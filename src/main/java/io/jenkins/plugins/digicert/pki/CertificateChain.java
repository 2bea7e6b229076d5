package io.jenkins.plugins.digicert.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A verified chain: the leaf issued for the CSR, the intermediates in issuing order, and the root if present. */
public final class CertificateChain {

    private final X509Certificate leaf;
    private final List<X509Certificate> intermediates;
    private final X509Certificate root;
    private final List<String> warnings;

    CertificateChain(
            X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root, List<String> warnings) {
        this.leaf = leaf;
        this.intermediates = List.copyOf(intermediates);
        this.root = root;
        this.warnings = List.copyOf(warnings);
    }

    public X509Certificate leaf() {
        return leaf;
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    public Optional<X509Certificate> root() {
        return Optional.ofNullable(root);
    }

    /**
     * Leaf, intermediates, root: the whole path in order. Each certificate is issued by the next, except that the
     * last intermediate may be the root's cross-signed version (same name and key, for clients that trust only an
     * older root), followed by the root itself.
     */
    public List<X509Certificate> all() {
        List<X509Certificate> all = new ArrayList<>(intermediates.size() + 2);
        all.add(leaf);
        all.addAll(intermediates);
        if (root != null) {
            all.add(root);
        }
        return all;
    }

    public CertificateFacts leafFacts() {
        return CertificateFacts.of(leaf);
    }

    /** Things worth telling the user that do not make the chain unusable. */
    public List<String> warnings() {
        return warnings;
    }
}
