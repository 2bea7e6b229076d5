package io.jenkins.plugins.digicert.simulator;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real test CA, made with Bouncy Castle: root A, a second root B that root A also cross-signs, and an
 * issuing intermediate under root B, as in DigiCert's cross-signed chains. It signs leaves for any key.
 */
public final class TestCa {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair rootAKeys = TestKeys.freshRsa();
    private final KeyPair rootBKeys = TestKeys.freshRsa();
    private final KeyPair issuingKeys = TestKeys.freshRsa();
    private final X509Certificate rootA;
    private final X509Certificate rootB;
    private final X509Certificate rootBCrossSigned;
    private final X509Certificate issuing;
    private final KeyPair subordinateKeys = TestKeys.freshRsa();
    private final X509Certificate subordinate;

    public TestCa() {
        Instant now = Instant.now();
        X500Name rootAName = new X500Name("CN=Simulated Global Root A,O=Simulated CertCentral,C=US");
        X500Name rootBName = new X500Name("CN=Simulated Global Root G2,O=Simulated CertCentral,C=US");
        X500Name issuingName = new X500Name("CN=Simulated TLS RSA SHA256 2020 CA1,O=Simulated CertCentral,C=US");
        rootA = sign(rootAName, rootAName, rootAKeys.getPublic(), rootAKeys, now, Duration.ofDays(3650), true, null);
        rootB = sign(rootBName, rootBName, rootBKeys.getPublic(), rootBKeys, now, Duration.ofDays(3650), true, null);
        rootBCrossSigned =
                sign(rootBName, rootAName, rootBKeys.getPublic(), rootAKeys, now, Duration.ofDays(3000), true, null);
        issuing = sign(
                issuingName, rootBName, issuingKeys.getPublic(), rootBKeys, now, Duration.ofDays(2000), true, null);
        subordinate = sign(
                new X500Name("CN=Simulated Subordinate CA,O=Simulated CertCentral,C=US"),
                issuingName,
                subordinateKeys.getPublic(),
                issuingKeys,
                now,
                Duration.ofDays(1000),
                true,
                null);
    }

    /** A second-level CA under the issuing CA, for the longest chains. */
    public X509Certificate subordinate() {
        return subordinate;
    }

    /** A leaf signed by the subordinate CA: leaf, subordinate, issuing, cross-signed root, old root is 5 long. */
    public X509Certificate issueFromSubordinate(PublicKey key, String commonName) {
        return sign(
                subject(commonName),
                X500Name.getInstance(subordinate.getSubjectX500Principal().getEncoded()),
                key,
                subordinateKeys,
                Instant.now(),
                Duration.ofDays(90),
                false,
                List.of(commonName));
    }

    public X509Certificate issuing() {
        return issuing;
    }

    public X509Certificate root() {
        return rootB;
    }

    public X509Certificate crossSignedRoot() {
        return rootBCrossSigned;
    }

    public X509Certificate oldRoot() {
        return rootA;
    }

    /** A leaf for {@code key}, signed by the issuing CA. */
    public X509Certificate issue(
            PublicKey key, String commonName, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        List<String> sans = new ArrayList<>(dnsNames);
        if (commonName != null && !sans.contains(commonName)) {
            sans.add(0, commonName);
        }
        return sign(
                subject(commonName),
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                key,
                issuingKeys,
                notBefore,
                Duration.between(notBefore, notAfter),
                false,
                sans);
    }

    /** Root B again, self-signed with the same name and key but valid longer, as a CA re-issues its root. */
    public X509Certificate reissuedRoot() {
        return reissuedRoot(Instant.now(), Duration.ofDays(5000));
    }

    /** Root B again, self-signed with the same name and key, valid from {@code notBefore} for {@code validity}. */
    public X509Certificate reissuedRoot(Instant notBefore, Duration validity) {
        return sign(name(rootB), name(rootB), rootBKeys.getPublic(), rootBKeys, notBefore, validity, true, null);
    }

    /** The issuing CA again: its name and key, signed by root B, valid longer. */
    public X509Certificate reissuedIssuing() {
        return sign(
                name(issuing),
                name(rootB),
                issuingKeys.getPublic(),
                rootBKeys,
                Instant.now(),
                Duration.ofDays(2500),
                true,
                null);
    }

    /** Root B's name and key, claiming old root A as its signer but signed by another key: a forged cross-sign. */
    public X509Certificate forgedCrossSignedRoot() {
        return crossSign(name(rootA), TestKeys.rsa2048(), Instant.now(), Duration.ofDays(3000), true);
    }

    /** Root B cross-signed by another old root, "Root A2", that this CA never hands out. */
    public X509Certificate secondCrossSignedRoot() {
        return crossSign(
                new X500Name("CN=Simulated Global Root A2,O=Simulated CertCentral,C=US"),
                TestKeys.rsa2048(),
                Instant.now(),
                Duration.ofDays(3000),
                true);
    }

    /** Root B cross-signed by root A, but expired 100 days ago. */
    public X509Certificate expiredCrossSignedRoot() {
        return crossSign(name(rootA), rootAKeys, Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(300), true);
    }

    /** Root B's name and key, signed by an absent "Root A2", without the CA flag. */
    public X509Certificate crossSignedRootThatIsNoCa() {
        return crossSign(
                new X500Name("CN=Simulated Global Root A2,O=Simulated CertCentral,C=US"),
                TestKeys.rsa2048(),
                Instant.now(),
                Duration.ofDays(3000),
                false);
    }

    private X509Certificate crossSign(
            X500Name issuerName, KeyPair signer, Instant notBefore, Duration validity, boolean ca) {
        return sign(name(rootB), issuerName, rootBKeys.getPublic(), signer, notBefore, validity, ca, null);
    }

    private static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** A certificate that claims the issuing CA as issuer but is signed by another key: a forgery. */
    public X509Certificate forge(PublicKey key, String commonName) {
        return sign(
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.CN, commonName)
                        .build(),
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                key,
                TestKeys.rsa2048(),
                Instant.now(),
                Duration.ofDays(30),
                false,
                List.of(commonName));
    }

    private static X509Certificate sign(
            X500Name subject,
            X500Name issuer,
            PublicKey key,
            KeyPair signer,
            Instant notBefore,
            Duration validity,
            boolean ca,
            List<String> sans) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(96, RANDOM).setBit(95),
                    Date.from(notBefore.minusSeconds(60)),
                    Date.from(notBefore.plus(validity)),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (sans != null) {
                GeneralName[] names = sans.stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A leaf's subject, built attribute by attribute: a common name from a server's answer may hold ',', '=', '\\'
     * or quotes, which a name written as one string would misread.
     */
    private static X500Name subject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, String.valueOf(commonName))
                .addRDN(BCStyle.O, "Example Ltd")
                .addRDN(BCStyle.C, "US")
                .build();
    }
}
