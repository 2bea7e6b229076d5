package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.UserFacing;
import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever the CSR file holds (random bytes, a CSR cut or with a flipped byte in its base64 or DER, wrong PEM
 * headers, a private key, a certificate, CRLF, a BOM, far too much), the parser gives a checked request or a
 * {@link CsrException} that says what to do, and never quotes the file. A good CSR, however transported, parses
 * to its own DER.
 */
class CsrParserPropertyTest {

    private static final List<String> TYPES = List.of(
            "CERTIFICATE REQUEST",
            "NEW CERTIFICATE REQUEST",
            "CERTIFICATE",
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
            "PUBLIC KEY",
            "PKCS7",
            "",
            "X");

    private static List<byte[]> goodDers;
    private static List<byte[]> refusedDers;
    private static List<byte[]> craftedDers;
    private static String privateKey;
    private static String certificate;

    @BeforeAll
    static void files() throws Exception {
        goodDers = List.of(
                der(TestCsrs.rsa("www.example.com", "www.example.com", "api.example.com")),
                der(TestCsrs.of(TestKeys.ec("secp256r1"), "a.example.com", List.of("a.example.com"))),
                der(TestCsrs.of(TestKeys.ec("secp384r1"), null, List.of())));
        refusedDers = List.of(
                der(TestCsrs.of(TestKeys.rsa(1024), "weak.example.com", List.of())),
                der(TestCsrs.of(TestKeys.ec("secp521r1"), "p521.example.com", List.of())));
        craftedDers = crafted(TestKeys.rsa2048());
        KeyPair keys = TestKeys.rsa2048();
        privateKey = Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded());
        Instant now = Instant.now();
        certificate = Pem.certificate(
                new TestCa().issue(keys.getPublic(), "www.example.com", List.of(), now, now.plusSeconds(3600)));
    }

    private static byte[] der(TestCsrs.TestCsr csr) {
        String base64 = csr.pem().replaceAll("-----[A-Z ]+-----|\\s", "");
        return java.util.Base64.getDecoder().decode(base64);
    }

    /**
     * Correctly signed requests whose content is odd: names of the wrong ASN.1 type, an extension request that
     * holds no extensions, a SAN extension that holds no names. Only a hostile or broken tool makes these.
     */
    private static List<byte[]> crafted(KeyPair keys) throws Exception {
        List<byte[]> out = new ArrayList<>();
        X500Name integerCn = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, new ASN1Integer(42))
                .build();
        X500Name twoCns = new X500NameBuilder(BCStyle.INSTANCE)
                .addMultiValuedRDN(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier[] {BCStyle.CN, BCStyle.CN},
                        new String[] {"a.example.com", "b.example.com"})
                .build();
        Extensions badSan = new Extensions(
                new Extension(Extension.subjectAlternativeName, false, new DEROctetString(new ASN1Integer(7))));
        Extensions otherNames = new Extensions(new Extension(
                Extension.subjectAlternativeName,
                false,
                new DEROctetString(new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.rfc822Name, "a@example.com"),
                            new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                            new GeneralName(GeneralName.dNSName, new DERIA5String("x.example.com"))
                        })
                        .getEncoded())));
        List<Object[]> shapes = List.of(
                new Object[] {integerCn, null},
                new Object[] {twoCns, null},
                new Object[] {new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), null},
                new Object[] {new X500Name("CN=c.example.com"), new ASN1Integer(1)},
                new Object[] {new X500Name("CN=c.example.com"), new DERUTF8String("not extensions")},
                new Object[] {new X500Name("CN=c.example.com"), new DERSequence()},
                new Object[] {new X500Name("CN=c.example.com"), new DERSequence(new DERBitString(new byte[] {1}))},
                new Object[] {new X500Name("CN=c.example.com"), badSan},
                new Object[] {new X500Name("CN=c.example.com"), otherNames});
        for (Object[] shape : shapes) {
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder((X500Name) shape[0], keys.getPublic());
            if (shape[1] != null) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, (ASN1Encodable) shape[1]);
            }
            out.add(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))
                    .getEncoded());
        }
        return out;
    }

    /** The file, and the DER it must parse to when it is a good CSR that was only transported. */
    record CsrFile(byte[] content, byte[] mustParseTo) {
        @Override
        public String toString() {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            return (mustParseTo != null ? "must parse: " : "may fail: ") + content.length + " bytes: " + text;
        }
    }

    static CsrFile file(Random random) {
        switch (random.nextInt(16)) {
            case 0:
                return new CsrFile(bytes(random, 3000), null);
            case 1:
                return new CsrFile(Gen.anyText(random, 2000).getBytes(StandardCharsets.UTF_8), null);
            case 2: {
                byte[] good = Gen.oneOf(random, goodDers);
                return new CsrFile(transported(random, Pem.encode("CERTIFICATE REQUEST", good)), good);
            }
            case 3: {
                byte[] good = Gen.oneOf(random, goodDers);
                return new CsrFile(transported(random, Pem.encode("NEW CERTIFICATE REQUEST", good)), good);
            }
            case 4:
                return new CsrFile(
                        transported(random, Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, refusedDers))), null);
            case 5:
                return new CsrFile(
                        transported(random, Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, craftedDers))), null);
            case 6: {
                byte[] der = Gen.oneOf(random, goodDers).clone();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    der[random.nextInt(der.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return new CsrFile(ascii(Pem.encode("CERTIFICATE REQUEST", der)), null);
            }
            case 7: {
                byte[] der = Gen.oneOf(random, goodDers);
                byte[] cut = java.util.Arrays.copyOf(der, random.nextInt(der.length));
                return new CsrFile(ascii(Pem.encode("CERTIFICATE REQUEST", cut)), null);
            }
            case 8: {
                char[] text = Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, goodDers))
                        .toCharArray();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    text[random.nextInt(text.length)] =
                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-! \n"
                                    .charAt(random.nextInt(69));
                }
                return new CsrFile(ascii(new String(text)), null);
            }
            case 9: {
                String pem = Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, goodDers));
                return new CsrFile(ascii(pem.substring(0, random.nextInt(pem.length()))), null);
            }
            case 10: {
                String pem = Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, goodDers));
                String begin = "-----BEGIN " + Gen.oneOf(random, TYPES) + "-----";
                String end = "-----END " + Gen.oneOf(random, TYPES) + "-----";
                return new CsrFile(
                        transported(
                                random,
                                pem.replace("-----BEGIN CERTIFICATE REQUEST-----", begin)
                                        .replace("-----END CERTIFICATE REQUEST-----", end)),
                        null);
            }
            case 11: {
                List<String> parts = new ArrayList<>(List.of(
                        privateKey, certificate, Pem.encode("CERTIFICATE REQUEST", Gen.oneOf(random, goodDers))));
                java.util.Collections.shuffle(parts, random);
                return new CsrFile(
                        transported(
                                random,
                                String.join(Gen.ascii(random, 10) + "\n", parts.subList(0, 1 + random.nextInt(3)))),
                        null);
            }
            case 12:
                return new CsrFile(Gen.oneOf(random, goodDers).clone(), null); // DER, not PEM
            case 13: {
                // Just under the size limit: thousands of blocks, or one block of enormous base64.
                String block = random.nextBoolean()
                        ? "-----BEGIN X-----\n-----END X-----\n"
                        : "-----BEGIN CERTIFICATE REQUEST-----\n" + "QUFB".repeat(15_000)
                                + "\n-----END CERTIFICATE REQUEST-----\n";
                return new CsrFile(
                        ascii(block.repeat(Math.max(1, (CsrParser.MAX_BYTES - 100) / block.length()))), null);
            }
            case 14:
                return new CsrFile(
                        bytes(random, 0).length == 0 && random.nextBoolean()
                                ? new byte[CsrParser.MAX_BYTES + 1 + random.nextInt(1 << 20)]
                                : new byte[0],
                        null);
            default:
                return new CsrFile(
                        ascii(Gen.oneOf(
                                random,
                                List.of(
                                        "-----BEGIN CERTIFICATE REQUEST-----\n",
                                        "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n",
                                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                                        "-----BEGIN CERTIFICATE REQUEST-----\nMA==\n-----END CERTIFICATE REQUEST-----\n",
                                        "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n",
                                        "-----BEGIN \n-----END \n",
                                        "-----BEGIN -----",
                                        "\uFEFF",
                                        "\r\n",
                                        "0"))),
                        null);
        }
    }

    private static byte[] bytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** CRLF or CR line ends, indentation, blank lines, escaped slashes, a BOM, text around the block. */
    static byte[] transported(Random random, String pem) {
        String text = pem;
        if (random.nextBoolean()) {
            text = text.replace("\n", random.nextBoolean() ? "\r\n" : "\r");
        }
        if (random.nextInt(4) == 0) {
            text = text.replace("\n", "\n  \t\n");
        }
        if (random.nextInt(4) == 0) {
            text = text.replace("/", "\\/");
        }
        if (random.nextInt(4) == 0) {
            text = "Subject: www.example.com\n\n" + text + "\n# end\n";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(4) == 0) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] withBom = new byte[bytes.length + 3];
            System.arraycopy(bom, 0, withBom, 0, 3);
            System.arraycopy(bytes, 0, withBom, 3, bytes.length);
            return withBom;
        }
        return bytes;
    }

    @Test
    void givesACheckedRequestOrSaysWhatToDo() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ForAll.check(CsrParserPropertyTest::file, this::parse));
    }

    private void parse(CsrFile file) {
        long started = System.nanoTime();
        try {
            CertificateRequest request = CsrParser.parse(file.content());
            if (file.mustParseTo() != null) {
                assertArrayEquals(file.mustParseTo(), request.der(), "another request than the file's");
            }
            assertTrue(request.pem().startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"), request.pem());
            assertNotNull(request.algorithm());
            assertNotNull(request.dnsNames());
            request.commonName().ifPresent(cn -> assertFalse(cn.isEmpty(), "an empty common name"));
        } catch (CsrException e) {
            assertTrue(file.mustParseTo() == null, () -> "refused a good CSR: " + e.getMessage());
            UserFacing.assertUserFacing(e);
            assertNoQuote(file.content(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("not a CsrException", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3000, () -> "took " + millis + " ms");
    }

    /** The message names the problem and never quotes the file, which may hold a private key. */
    private static void assertNoQuote(byte[] content, String message) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        for (String line : text.split("[\\r\\n]+")) {
            String base64 = line.strip();
            if (base64.length() >= 16 && base64.matches("[A-Za-z0-9+/=]+")) {
                assertFalse(message.contains(base64.substring(0, 16)), () -> "quotes the file: " + message);
            }
        }
    }
}
