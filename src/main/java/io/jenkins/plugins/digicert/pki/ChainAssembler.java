package io.jenkins.plugins.digicert.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns the certificates DigiCert returned, in whatever order and line endings, into a verified chain for a
 * given CSR. Position 0 is never trusted to be the leaf: the leaf is the certificate that carries the CSR's
 * public key, and the rest are ordered by issuer links and checked signature by signature.
 */
public final class ChainAssembler {

    /** DigiCert sends 2 to 4; more than this is not a chain. */
    public static final int MAX_CERTIFICATES = 10;

    /** Of two certificates in the same place, the one valid longer, then by encoding: never a tie. */
    private static final Comparator<X509Certificate> PREFERRED = Comparator.comparing(X509Certificate::getNotAfter)
            .reversed()
            .thenComparing(ChainAssembler::encoded, Arrays::compare);

    private ChainAssembler() {}

    public static CertificateChain assemble(List<String> pems, CertificateRequest request) throws ChainException {
        return assemble(String.join("\n", pems), request);
    }

    public static CertificateChain assemble(String pemText, CertificateRequest request) throws ChainException {
        List<X509Certificate> certificates = parse(pemText);
        X509Certificate leaf = findLeaf(certificates, request);
        List<X509Certificate> others = new ArrayList<>(certificates);
        others.remove(leaf);
        List<X509Certificate> path = new ArrayList<>(longestPath(leaf, others));
        checkPathIsLinked(path, others);
        X509Certificate last = path.get(path.size() - 1);
        X509Certificate root = null;
        if (path.size() > 1 && isSelfSigned(last)) {
            root = path.remove(path.size() - 1);
            // The cross-signed twin of the root, when DigiCert sent it, stays in the chain for older clients.
            crossSignedTwin(root, leaf, others).ifPresent(path::add);
        }
        List<String> warnings = new ArrayList<>();
        for (X509Certificate unused : others) {
            if (!path.contains(unused) && !unused.equals(root)) {
                warnings.add("DigiCert also returned '"
                        + unused.getSubjectX500Principal().getName()
                        + "', which is not on the leaf's chain; it was left out of the files.");
            }
        }
        return new CertificateChain(leaf, path.subList(1, path.size()), root, warnings);
    }

    /**
     * A root and its cross-signed version (same name, same key, signed by an older root that DigiCert did not send)
     * both issue the last intermediate. The path ends in the root ({@link #better}); the cross-signed version goes
     * into the chain as its last intermediate, for clients that trust only the older root. Its own signature cannot
     * be checked (its signer is not in the answer, as for the last intermediate of a chain sent without a root), so
     * it must at least be a CA certificate that had not expired when the leaf was issued; of several, the preferred
     * one ({@link #PREFERRED}).
     */
    private static Optional<X509Certificate> crossSignedTwin(
            X509Certificate root, X509Certificate leaf, List<X509Certificate> others) {
        return others.stream()
                .filter(other -> sameCa(other, root) && !isSelfSigned(other))
                .filter(twin ->
                        twin.getBasicConstraints() >= 0 && !twin.getNotAfter().before(leaf.getNotBefore()))
                // A signer that is present either verifies it (and the longest path went on through it) or does not
                // (and it is forged).
                .filter(twin -> others.stream()
                        .noneMatch(o -> o.getSubjectX500Principal().equals(twin.getIssuerX500Principal())))
                .min(PREFERRED);
    }

    private static boolean sameCa(X509Certificate a, X509Certificate b) {
        return !a.equals(b)
                && a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && Arrays.equals(a.getPublicKey().getEncoded(), b.getPublicKey().getEncoded());
    }

    static List<X509Certificate> parse(String pemText) throws ChainException {
        String normalized = Pem.normalize(pemText);
        if (!normalized.contains("-----BEGIN CERTIFICATE-----")) {
            throw new ChainException("DigiCert's answer contained no PEM certificate.");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(normalized.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            // The JDK's text ("Could not parse certificate: java.io.IOException: Illegal footer: ...") says nothing
            // a user can act on; it stays in the cause, for the report.
            throw new ChainException(
                    "A certificate in DigiCert's answer cannot be parsed: its PEM text is damaged or cut off. "
                            + "Nothing was written; run the build again, and if it persists, download the certificate "
                            + "from CertCentral.",
                    e);
        }
        List<X509Certificate> unique = new ArrayList<>();
        for (Certificate certificate : parsed) {
            X509Certificate x509 = (X509Certificate) certificate;
            if (unique.stream().noneMatch(known -> known.equals(x509))) {
                unique.add(x509);
            }
        }
        if (unique.isEmpty()) {
            throw new ChainException("DigiCert's answer contained no certificate.");
        }
        if (unique.size() > MAX_CERTIFICATES) {
            throw new ChainException("DigiCert's answer contained " + unique.size()
                    + " certificates; a chain has at most " + MAX_CERTIFICATES + ".");
        }
        return unique;
    }

    private static X509Certificate findLeaf(List<X509Certificate> certificates, CertificateRequest request)
            throws ChainException {
        for (X509Certificate certificate : certificates) {
            if (request.hasPublicKey(certificate.getPublicKey().getEncoded())) {
                return certificate;
            }
        }
        List<String> subjects = certificates.stream()
                .map(c -> c.getSubjectX500Principal().getName())
                .toList();
        throw new ChainException("None of the " + certificates.size() + " certificates DigiCert returned carries the "
                + "CSR's public key " + subjects + ", so none of them was issued for this CSR. Nothing was written.");
    }

    /** Follows issuer links from the leaf, choosing at each fork the better branch ({@link #better}). */
    private static List<X509Certificate> longestPath(X509Certificate from, List<X509Certificate> candidates) {
        List<X509Certificate> best = List.of(from);
        if (isSelfSigned(from)) {
            return best;
        }
        for (X509Certificate issuer : candidates) {
            if (issued(from, issuer)) {
                List<X509Certificate> rest = new ArrayList<>(candidates);
                rest.remove(issuer);
                List<X509Certificate> path = new ArrayList<>();
                path.add(from);
                path.addAll(longestPath(issuer, rest));
                if (better(path, best)) {
                    best = path;
                }
            }
        }
        return best;
    }

    /**
     * The path that uses more certificates; of two as long, the one that ends in a self-signed root; then,
     * certificate by certificate from the root end, the preferred one ({@link #PREFERRED}). A total order: which
     * path wins never depends on the order DigiCert listed the certificates in.
     */
    private static boolean better(List<X509Certificate> path, List<X509Certificate> than) {
        if (path.size() != than.size()) {
            return path.size() > than.size();
        }
        boolean endsInRoot = isSelfSigned(path.get(path.size() - 1));
        if (endsInRoot != isSelfSigned(than.get(than.size() - 1))) {
            return endsInRoot;
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            int order = PREFERRED.compare(path.get(i), than.get(i));
            if (order != 0) {
                return order < 0;
            }
        }
        return false;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0]; // cannot happen for a certificate parsed from its encoding
        }
    }

    /** A certificate that names an issuer we were given, but whose signature that issuer did not make, is forged. */
    private static void checkPathIsLinked(List<X509Certificate> path, List<X509Certificate> others)
            throws ChainException {
        X509Certificate last = path.get(path.size() - 1);
        if (isSelfSigned(last)) {
            return;
        }
        for (X509Certificate other : others) {
            if (!path.contains(other) && other.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                throw new ChainException(
                        "The signature of '" + last.getSubjectX500Principal().getName()
                                + "' does not verify with the key of its issuer '"
                                + other.getSubjectX500Principal().getName()
                                + "' in DigiCert's answer. The chain is not trustworthy; nothing was written.");
            }
        }
    }

    private static boolean issued(X509Certificate subject, X509Certificate issuer) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return issued(certificate, certificate)
                && Arrays.equals(
                        certificate.getSubjectX500Principal().getEncoded(),
                        certificate.getIssuerX500Principal().getEncoded());
    }
}
