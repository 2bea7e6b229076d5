package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestCsrs.TestCsr;
import io.jenkins.plugins.digicert.simulator.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CsrParserTest {

    private static final TestCsr CSR = TestCsrs.rsa("www.example.com", "www.example.com", "api.example.com");

    @Test
    void readsRsaCsrWithItsNamesAndKey() throws Exception {
        CertificateRequest request = CsrParser.parse(CSR.bytes());

        assertEquals("RSA 2048", request.algorithm());
        assertEquals(Optional.of("www.example.com"), request.commonName());
        assertEquals(List.of("www.example.com", "api.example.com"), request.dnsNames());
        assertTrue(request.hasPublicKey(CSR.keys().getPublic().getEncoded()));
        assertEquals(CSR.pem(), request.pem());
    }

    @Test
    void acceptsEcP256AndP384() throws Exception {
        assertEquals(
                "EC P-256",
                CsrParser.parse(TestCsrs.of(TestKeys.ec("secp256r1"), "a.example.com", List.of())
                                .bytes())
                        .algorithm());
        assertEquals(
                "EC P-384",
                CsrParser.parse(TestCsrs.of(TestKeys.ec("secp384r1"), "a.example.com", List.of())
                                .bytes())
                        .algorithm());
    }

    @Test
    void toleratesCrlfBomIndentationAndSurroundingText() throws Exception {
        String messy = "\uFEFF\r\n  \r\n" + CSR.pem().replace("\n", "\r\n    ") + "\r\n\r\n";
        CertificateRequest request = CsrParser.parse(messy.getBytes(StandardCharsets.UTF_8));

        assertEquals(CSR.pem(), request.pem(), "the CSR sent on is canonical PEM");
    }

    @Test
    void acceptsTheOldNewCertificateRequestHeader() throws Exception {
        String old = CSR.pem().replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
        assertEquals(
                CSR.pem(),
                CsrParser.parse(old.getBytes(StandardCharsets.US_ASCII)).pem());
    }

    @Test
    void csrWithoutNamesHasNone() throws Exception {
        CertificateRequest request =
                CsrParser.parse(TestCsrs.of(TestKeys.rsa2048(), null, List.of()).bytes());
        assertEquals(Optional.empty(), request.commonName());
        assertEquals(List.of(), request.dnsNames());
    }

    @Test
    void emptyFile() {
        assertMessage(new byte[0], "The CSR file is empty");
        assertMessage(" \r\n\t".getBytes(StandardCharsets.US_ASCII), "not PEM");
    }

    @Test
    void oversizedFile() {
        assertMessage(new byte[CsrParser.MAX_BYTES + 1], "more than the 65536 a CSR can have");
    }

    @Test
    void plainTextIsNotPem() {
        assertMessage("hello world".getBytes(StandardCharsets.US_ASCII), "not PEM");
    }

    @Test
    void binaryDerGetsAConversionHint() throws Exception {
        byte[] der = CsrParser.parse(CSR.bytes()).der();
        assertMessage(der, "binary (DER)", "openssl req -inform DER");
    }

    @Test
    void privateKeyIsRefusedWithoutEchoingIt() {
        KeyPair keys = TestKeys.rsa2048();
        String body = Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";

        CsrException e =
                assertThrows(CsrException.class, () -> CsrParser.parse(pem.getBytes(StandardCharsets.US_ASCII)));

        assertTrue(e.getMessage().contains("contains a private key"), e.getMessage());
        assertFalse(e.getMessage().contains(body.substring(0, 40)), "the key must not be echoed");
    }

    @Test
    void csrAndPrivateKeyInOneFileIsRefused() {
        String pem = CSR.pem() + "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n";
        assertMessage(pem.getBytes(StandardCharsets.US_ASCII), "contains a private key (EC PRIVATE KEY)");
    }

    @Test
    void certificateIsRefused() {
        String pem = Pem.certificate(new TestCa().issuing());
        assertMessage(
                pem.getBytes(StandardCharsets.US_ASCII),
                "contains a certificate (CERTIFICATE), not a certificate signing request");
    }

    @Test
    void twoCsrsAreRefused() {
        assertMessage((CSR.pem() + CSR.pem()).getBytes(StandardCharsets.US_ASCII), "more than one certificate request");
    }

    @Test
    void weakRsaKey() {
        TestCsr weak = TestCsrs.of(TestKeys.rsa(1024), "a.example.com", List.of());
        assertMessage(weak.bytes(), "RSA key has 1024 bits; DigiCert requires at least 2048");
    }

    @Test
    void unsupportedCurve() {
        TestCsr p521 = TestCsrs.of(TestKeys.ec("secp521r1"), "a.example.com", List.of());
        assertMessage(p521.bytes(), "curve DigiCert does not issue for", "P-256 or P-384");
    }

    @Test
    void alteredCsrFailsItsSignature() throws Exception {
        byte[] der = CsrParser.parse(CSR.bytes()).der();
        der[der.length - 5] ^= 0x01; // inside the signature
        String tampered = Pem.encode("CERTIFICATE REQUEST", der);
        assertMessage(tampered.getBytes(StandardCharsets.US_ASCII), "signature does not verify");
    }

    @Test
    void alteredSubjectFailsItsSignature() throws Exception {
        TestCsr csr = TestCsrs.rsa("aaaa.example.com");
        byte[] der = CsrParser.parse(csr.bytes()).der();
        byte[] cn = "aaaa.example.com".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(der, cn);
        der[at] = 'b';
        assertMessage(
                Pem.encode("CERTIFICATE REQUEST", der).getBytes(StandardCharsets.US_ASCII),
                "signature does not verify");
    }

    @Test
    void damagedBase64() {
        String damaged = CSR.pem().replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!");
        assertMessage(damaged.getBytes(StandardCharsets.US_ASCII), "damaged");
    }

    @Test
    void truncatedCsr() {
        String[] lines = CSR.pem().split("\n");
        String cut = String.join("\n", List.of(lines).subList(0, lines.length / 2))
                + "\n-----END CERTIFICATE REQUEST-----\n";
        assertMessage(cut.getBytes(StandardCharsets.US_ASCII), "could not be decoded");
    }

    @Test
    void wrongBlockType() {
        assertMessage(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".getBytes(StandardCharsets.US_ASCII),
                "contains a PUBLIC KEY block");
    }

    @Test
    void extensionRequestOfTheWrongTypeIsRefused() throws Exception {
        // A property test signed a CSR whose extensionRequest attribute holds a UTF8String (or an INTEGER, or a SAN
        // extension whose value is no GeneralNames): Bouncy Castle's IllegalArgumentException escaped the parser.
        KeyPair keys = TestKeys.rsa2048();
        for (org.bouncycastle.asn1.ASN1Encodable value : List.of(
                new org.bouncycastle.asn1.DERUTF8String("not extensions"),
                new org.bouncycastle.asn1.x509.Extensions(new org.bouncycastle.asn1.x509.Extension(
                        org.bouncycastle.asn1.x509.Extension.subjectAlternativeName,
                        false,
                        new org.bouncycastle.asn1.DEROctetString(new org.bouncycastle.asn1.ASN1Integer(7)))))) {
            byte[] der = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                            new org.bouncycastle.asn1.x500.X500Name("CN=c.example.com"), keys.getPublic())
                    .addAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, value)
                    .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                            .build(keys.getPrivate()))
                    .getEncoded();
            assertMessage(
                    Pem.encode("CERTIFICATE REQUEST", der).getBytes(StandardCharsets.US_ASCII),
                    "requested extensions",
                    "cannot be read");
        }
    }

    @Test
    void derIsACopy() throws Exception {
        CertificateRequest request = CsrParser.parse(CSR.bytes());
        byte[] der = request.der();
        der[0] = 0;
        assertArrayEquals(CsrParser.parse(CSR.bytes()).der(), request.der());
    }

    @Test
    void aFileOfExactlyMaxBytesIsRead() throws Exception {
        byte[] padded =
                (CSR.pem() + "\n".repeat(CsrParser.MAX_BYTES - CSR.bytes().length)).getBytes(StandardCharsets.US_ASCII);
        assertEquals(CsrParser.MAX_BYTES, padded.length);
        assertEquals(CSR.pem(), CsrParser.parse(padded).pem());
    }

    @Test
    void aBeginLineWithoutEndLine() {
        String[] lines = CSR.pem().split("\n");
        String noEnd = String.join("\n", List.of(lines).subList(0, lines.length - 1)) + "\n";
        assertMessage(noEnd.getBytes(StandardCharsets.US_ASCII), "missing END line");
    }

    @Test
    void aBeginMarkerInsideALineIsNoBlock() {
        assertMessage(
                "see the -----BEGIN CERTIFICATE REQUEST----- line\n".getBytes(StandardCharsets.US_ASCII),
                "The CSR file's PEM block has no matching END line");
    }

    @Test
    void binaryThatIsNotDerIsNotPem() {
        assertMessage(new byte[] {0x31, 0x00, (byte) 0xff}, "not PEM");
        CsrException e = assertThrows(CsrException.class, () -> CsrParser.parse(new byte[] {(byte) 0xb0, 0x00}));
        assertFalse(e.getMessage().contains("DER"), e.getMessage());
    }

    @Test
    void onlyDnsNamesAreTakenFromTheSubjectAlternativeNamesAndInLowerCase() throws Exception {
        GeneralNames sans = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "WWW.Example.COM"),
            new GeneralName(GeneralName.iPAddress, "192.0.2.1"),
            new GeneralName(GeneralName.rfc822Name, "admin@example.com"),
            new GeneralName(GeneralName.dNSName, "api.example.com"),
        });
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, sans);
        CertificateRequest request = CsrParser.parse(csr(extensions));

        assertEquals(List.of("www.example.com", "api.example.com"), request.dnsNames());
    }

    @Test
    void anExtensionRequestWithoutSubjectAlternativeNamesHasNoNames() throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        CertificateRequest request = CsrParser.parse(csr(extensions));

        assertEquals(List.of(), request.dnsNames());
        assertEquals(Optional.of("x.example.com"), request.commonName());
    }

    private static byte[] csr(ExtensionsGenerator extensions) throws Exception {
        KeyPair keys = TestKeys.rsa2048();
        JcaPKCS10CertificationRequestBuilder builder =
                new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x.example.com"), keys.getPublic());
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))
                .getEncoded();
        return Pem.encode("CERTIFICATE REQUEST", der).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertMessage(byte[] content, String... fragments) {
        CsrException e = assertThrows(CsrException.class, () -> CsrParser.parse(content));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
