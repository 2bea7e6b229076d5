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
        List<X509Certificate> path = longestPath(leaf, others);
        checkPathIsLinked(path, others);
        List<String> warnings = new ArrayList<>();
        for (X509Certificate unused : others) {
            if (!path.contains(unused)) {
                warnings.add("DigiCert also returned '"
                        + unused.getSubjectX500Principal().getName()
                        + "', which is not on the leaf's chain; it was left out of the files.");
            }
        }
        X509Certificate last = path.get(path.size() - 1);
        boolean hasRoot = path.size() > 1 && isSelfSigned(last);
        List<X509Certificate> intermediates = path.subList(1, hasRoot ? path.size() - 1 : path.size());
        return new CertificateChain(leaf, intermediates, hasRoot ? last : null, warnings);
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

    /** Follows issuer links from the leaf, choosing at each fork the branch that uses the most certificates. */
    private static List<X509Certificate> longestPath(X509Certificate from, List<X509Certificate> candidates) {
        List<X509Certificate> best = List.of(from);
        if (isSelfSigned(from)) {
            return best;
        }
        for (X509Certificate issuer : candidates) {
            if (issued(from, issuer)) {
                List<X509Certificate> rest = new ArrayList<>(candidates);
                rest.remove(issuer);
                List<X509Certificate> tail = longestPath(issuer, rest);
                if (tail.size() + 1 > best.size()) {
                    List<X509Certificate> path = new ArrayList<>();
                    path.add(from);
                    path.addAll(tail);
                    best = path;
                }
            }
        }
        return best;
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
