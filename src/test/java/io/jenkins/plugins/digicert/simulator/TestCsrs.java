package io.jenkins.plugins.digicert.simulator;

import io.jenkins.plugins.digicert.pki.Pem;
import java.io.IOException;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Real PKCS#10 requests, made with Bouncy Castle as openssl would make them. */
public final class TestCsrs {

    private TestCsrs() {}

    /** A CSR for a pooled RSA 2048 key. */
    public static TestCsr rsa(String commonName, String... dnsNames) {
        return of(TestKeys.rsa2048(), commonName, List.of(dnsNames));
    }

    public static TestCsr of(KeyPair keys, String commonName, List<String> dnsNames) {
        try {
            X500Name subject =
                    new X500Name(commonName == null ? "O=Example Ltd" : "CN=" + commonName + ",O=Example Ltd");
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            String algorithm = keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            PKCS10CertificationRequest csr =
                    builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
            return new TestCsr(keys, Pem.encode("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR and the key pair it was made from. */
    public record TestCsr(KeyPair keys, String pem) {

        public byte[] bytes() {
            return pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
