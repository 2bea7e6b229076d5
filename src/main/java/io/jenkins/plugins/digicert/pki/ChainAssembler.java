package io.jenkins.plugins.digicert.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
            crossSignedTwin(root, others).ifPresent(path::add);
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
     * into the chain as its last intermediate, for clients that trust only the older root.
     */
    private static Optional<X509Certificate> crossSignedTwin(X509Certificate root, List<X509Certificate> others) {
        // Its signer must be absent: one that is present either verifies it (and the longest path went on through
        // it) or does not (and the twin is forged).
        return others.stream()
                .filter(other -> !isSelfSigned(other) && sameCa(other, root))
                .filter(twin -> others.stream()
                        .noneMatch(o -> o.getSubjectX500Principal().equals(twin.getIssuerX500Principal())))
                .findFirst();
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
     * The path that uses more certificates; of two as long, the one that ends in a self-signed root, then the one
     * whose last certificate is valid longer: never the one DigiCert happened to list first.
     */
    private static boolean better(List<X509Certificate> path, List<X509Certificate> than) {
        if (path.size() != than.size()) {
            return path.size() > than.size();
        }
        X509Certificate end = path.get(path.size() - 1);
        X509Certificate otherEnd = than.get(than.size() - 1);
        if (isSelfSigned(end) != isSelfSigned(otherEnd)) {
            return isSelfSigned(end);
        }
        return end.getNotAfter().after(otherEnd.getNotAfter());
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
