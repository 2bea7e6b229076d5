package io.jenkins.plugins.digicert.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A new key pair and a PKCS#10 CSR signed with it, for the names to be requested: what a user would otherwise make
 * with openssl before the step. The key pair comes from the JDK ({@link KeyPairGenerator} with its default
 * {@link java.security.SecureRandom}); Bouncy Castle only writes the CSR. It runs where the workspace is (in Jenkins:
 * on the agent), so the private key never travels.
 *
 * @param csrPem the CSR, public
 * @param privateKeyPem the private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); a byte array, so the
 *     caller can clear it once written
 */
public record NewKey(String csrPem, byte[] privateKeyPem) {

    public static NewKey make(KeyType type, String commonName, List<String> dnsNames) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
        if (type.curve().isPresent()) {
            generator.initialize(new ECGenParameterSpec(type.curve().get()));
        } else {
            generator.initialize(type.bits());
        }
        KeyPair keys = generator.generateKeyPair();
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE)
                            .addRDN(BCStyle.CN, commonName)
                            .build(),
                    keys.getPublic());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(names(commonName, dnsNames).stream()
                            .map(name -> new GeneralName(GeneralName.dNSName, name))
                            .toArray(GeneralName[]::new)));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            byte[] csr = builder.build(new JcaContentSignerBuilder(type.signature()).build(keys.getPrivate()))
                    .getEncoded();
            byte[] pkcs8 = keys.getPrivate().getEncoded();
            try {
                return new NewKey(
                        Pem.encode("CERTIFICATE REQUEST", csr),
                        Pem.encode("PRIVATE KEY", pkcs8).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("The CSR could not be signed with the new " + type.label() + " key", e);
        }
    }

    /** The common name first, then the other names, each once: the SANs a browser checks. */
    private static List<String> names(String commonName, List<String> dnsNames) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(commonName);
        names.addAll(dnsNames);
        return List.copyOf(names);
    }

    /** Never the key in a log line or an exception message. */
    @Override
    public String toString() {
        return "NewKey[CSR only; private key withheld]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewKey key && key.csrPem.equals(csrPem);
    }

    @Override
    public int hashCode() {
        return csrPem.hashCode();
    }
}
