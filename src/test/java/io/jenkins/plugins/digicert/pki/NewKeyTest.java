package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key pair and CSR the step makes on the agent, for every key type DigiCert accepts for a duplicate. */
class NewKeyTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void makesAKeyPairOfTheTypeAndACsrForTheNamesSignedWithIt(KeyType type) throws Exception {
        NewKey key = NewKey.make(type, "example.com", List.of("example.com", "www.example.com"));

        // The CSR passes the plugin's own CSR checks: PEM, DigiCert's key rules, its signature.
        CertificateRequest csr = CsrParser.parse(key.csrPem().getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.of("example.com"), csr.commonName());
        assertEquals(List.of("example.com", "www.example.com"), csr.dnsNames());

        String pem = new String(key.privateKeyPem(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "unencrypted PKCS#8");
        assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"));
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        String algorithm = type.name().startsWith("RSA") ? "RSA" : "EC";
        PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            assertEquals(type.bits(), rsa.getModulus().bitLength());
        } else {
            assertEquals(
                    type.bits(),
                    ((ECPrivateKey) privateKey).getParams().getOrder().bitLength());
        }

        // The CSR's public key is this private key's pair.
        PublicKey publicKey =
                KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(csr.publicKeyInfo()));
        Signature signer = Signature.getInstance(type.signature());
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signature());
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    @Test
    void eachCallMakesANewKey() throws Exception {
        NewKey first = NewKey.make(KeyType.EC_P256, "example.com", List.of());
        NewKey second = NewKey.make(KeyType.EC_P256, "example.com", List.of());
        assertFalse(first.csrPem().equals(second.csrPem()));
        assertFalse(java.util.Arrays.equals(first.privateKeyPem(), second.privateKeyPem()));
    }

    @Test
    void theCommonNameIsAlwaysASubjectAlternativeName() throws Exception {
        NewKey key = NewKey.make(KeyType.EC_P256, "example.com", List.of("www.example.com"));
        CertificateRequest csr = CsrParser.parse(key.csrPem().getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("example.com", "www.example.com"), csr.dnsNames());
    }

    @Test
    void itsTextNeverShowsTheKey() throws Exception {
        NewKey key = NewKey.make(KeyType.EC_P256, "example.com", List.of());
        String body = new String(key.privateKeyPem(), StandardCharsets.US_ASCII).split("\n")[1];
        assertFalse(key.toString().contains(body));
        assertFalse(key.toString().contains("PRIVATE KEY-----"));
    }

    @Test
    void keyTypesAreReadInAnyCaseAndListed() {
        assertEquals(Optional.of(KeyType.EC_P384), KeyType.of(" ec-p384 "));
        assertEquals(Optional.empty(), KeyType.of("RSA-1024"));
        assertEquals(Optional.empty(), KeyType.of(null));
        assertEquals("RSA-2048, RSA-3072, RSA-4096, EC-P256, EC-P384", KeyType.ids());
    }
}
