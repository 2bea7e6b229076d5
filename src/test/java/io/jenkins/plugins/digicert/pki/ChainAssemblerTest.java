package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestCsrs.TestCsr;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class ChainAssemblerTest {

    private static final TestCa CA = new TestCa();
    private static final TestCsr CSR = TestCsrs.rsa("www.example.com", "www.example.com", "api.example.com");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final X509Certificate LEAF = CA.issue(
            CSR.keys().getPublic(), "www.example.com", List.of("api.example.com"), NOW, NOW.plus(Duration.ofDays(397)));

    @Test
    void ordersLeafIntermediateRootFromAnyOrder() throws Exception {
        CertificateChain chain = assemble(CA.root(), LEAF, CA.issuing());

        assertEquals(LEAF, chain.leaf());
        assertEquals(List.of(CA.issuing()), chain.intermediates());
        assertEquals(Optional.of(CA.root()), chain.root());
        assertEquals(List.of(LEAF, CA.issuing(), CA.root()), chain.all());
        assertEquals(List.of(), chain.warnings());
    }

    @Test
    void leafAloneIsAChainOfOne() throws Exception {
        CertificateChain chain = assemble(LEAF);
        assertEquals(List.of(LEAF), chain.all());
        assertEquals(Optional.empty(), chain.root());
    }

    @Test
    void leafAndIntermediateWithoutRoot() throws Exception {
        CertificateChain chain = assemble(CA.issuing(), LEAF);
        assertEquals(List.of(CA.issuing()), chain.intermediates());
        assertEquals(Optional.empty(), chain.root());
    }

    @Test
    void crossSignedFourCertificateChainInEveryOrder() throws Exception {
        List<X509Certificate> certificates =
                new ArrayList<>(List.of(LEAF, CA.issuing(), CA.crossSignedRoot(), CA.oldRoot()));
        Random random = new Random(42);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(certificates, random);
            CertificateChain chain = assemble(certificates.toArray(X509Certificate[]::new));
            assertEquals(List.of(LEAF, CA.issuing(), CA.crossSignedRoot(), CA.oldRoot()), chain.all(), "order " + i);
            assertEquals(Optional.of(CA.oldRoot()), chain.root());
        }
    }

    @Test
    void fiveCertificateChain() throws Exception {
        X509Certificate leaf = CA.issueFromSubordinate(CSR.keys().getPublic(), "deep.example.com");
        CertificateChain chain = assemble(CA.oldRoot(), CA.issuing(), leaf, CA.crossSignedRoot(), CA.subordinate());
        assertEquals(List.of(leaf, CA.subordinate(), CA.issuing(), CA.crossSignedRoot(), CA.oldRoot()), chain.all());
    }

    @Test
    void bothRootsGivenPrefersTheLongerCrossSignedPathAndWarnsAboutTheOther() throws Exception {
        for (List<X509Certificate> order : List.of(
                List.of(LEAF, CA.issuing(), CA.root(), CA.crossSignedRoot(), CA.oldRoot()),
                List.of(LEAF, CA.issuing(), CA.crossSignedRoot(), CA.oldRoot(), CA.root()))) {
            CertificateChain chain = assemble(order.toArray(X509Certificate[]::new));
            assertEquals(List.of(LEAF, CA.issuing(), CA.crossSignedRoot(), CA.oldRoot()), chain.all());
            assertEquals(1, chain.warnings().size());
            assertTrue(
                    chain.warnings().get(0).contains("Simulated Global Root G2"),
                    chain.warnings().toString());
        }
    }

    /**
     * A root and its cross-signed version issue the intermediate equally well: the files are the same whatever
     * order DigiCert sends them in (the cross-signed one in the chain for older clients, the self-signed one as
     * the root), and neither is reported as left out.
     */
    @Test
    void aRootAndItsCrossSignedVersionGiveTheSameChainInEveryOrder() throws Exception {
        List<X509Certificate> certificates =
                new ArrayList<>(List.of(LEAF, CA.issuing(), CA.root(), CA.crossSignedRoot()));
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            Collections.shuffle(certificates, random);
            CertificateChain chain = assemble(certificates.toArray(X509Certificate[]::new));
            assertEquals(List.of(CA.issuing(), CA.crossSignedRoot()), chain.intermediates(), "order " + certificates);
            assertEquals(Optional.of(CA.root()), chain.root(), "order " + certificates);
            assertEquals(List.of(), chain.warnings(), "order " + certificates);
        }
    }

    /** Two self-signed versions of one root: the one valid longer is the root, whatever the order. */
    @Test
    void ofTwoVersionsOfTheRootTheOneValidLongerIsTheRoot() throws Exception {
        X509Certificate reissued = CA.reissuedRoot();
        for (List<X509Certificate> order : List.of(
                List.of(LEAF, CA.issuing(), CA.root(), reissued), List.of(reissued, CA.root(), CA.issuing(), LEAF))) {
            CertificateChain chain = assemble(order.toArray(X509Certificate[]::new));
            assertEquals(Optional.of(reissued), chain.root(), order.toString());
            assertEquals(List.of(CA.issuing()), chain.intermediates(), order.toString());
            assertEquals(1, chain.warnings().size(), chain.warnings().toString());
        }
    }

    @Test
    void theCrossSignedVersionAloneEndsTheChainWithoutRoot() throws Exception {
        CertificateChain chain = assemble(CA.crossSignedRoot(), LEAF, CA.issuing());
        assertEquals(List.of(CA.issuing(), CA.crossSignedRoot()), chain.intermediates());
        assertEquals(Optional.empty(), chain.root());
    }

    /** Another CA's roots, even of the same name, are not taken for the cross-signed version of this root. */
    @Test
    void anotherCasRootsAreNotTakenForTheCrossSignedVersion() throws Exception {
        TestCa other = new TestCa();
        for (X509Certificate stranger : List.of(other.oldRoot(), other.crossSignedRoot())) {
            CertificateChain chain = assemble(LEAF, CA.issuing(), CA.root(), stranger);
            assertEquals(List.of(CA.issuing()), chain.intermediates());
            assertEquals(Optional.of(CA.root()), chain.root());
            assertEquals(1, chain.warnings().size(), chain.warnings().toString());
        }
    }

    /** Its signer being absent, a cross-signed version cannot be verified: it must at least be a current CA. */
    @Test
    void anExpiredOrNonCaCrossSignedVersionIsLeftOut() throws Exception {
        for (X509Certificate unfit : List.of(CA.expiredCrossSignedRoot(), CA.crossSignedRootThatIsNoCa())) {
            CertificateChain chain = assemble(LEAF, CA.issuing(), unfit, CA.root());
            assertEquals(List.of(CA.issuing()), chain.intermediates());
            assertEquals(Optional.of(CA.root()), chain.root());
            assertEquals(1, chain.warnings().size(), chain.warnings().toString());
        }
    }

    /**
     * Whatever the order, the same files: two versions of the intermediate, two roots that expire at the same
     * moment, two cross-signed versions, and a mix of fit and unfit alternatives.
     */
    @Test
    void theFilesDoNotDependOnTheOrderDigicertListsTheCertificatesIn() throws Exception {
        Instant sameStart = Instant.now().minus(1, ChronoUnit.DAYS);
        List<List<X509Certificate>> pools = List.of(
                List.of(LEAF, CA.issuing(), CA.reissuedIssuing(), CA.root()),
                List.of(
                        LEAF,
                        CA.issuing(),
                        CA.reissuedRoot(sameStart, Duration.ofDays(4000)),
                        CA.reissuedRoot(sameStart, Duration.ofDays(4000))),
                List.of(LEAF, CA.issuing(), CA.root(), CA.crossSignedRoot(), CA.secondCrossSignedRoot()),
                List.of(
                        LEAF,
                        CA.issuing(),
                        CA.root(),
                        CA.crossSignedRoot(),
                        CA.reissuedRoot(),
                        CA.forgedCrossSignedRoot(),
                        CA.oldRoot(),
                        CA.expiredCrossSignedRoot(),
                        CA.crossSignedRootThatIsNoCa()));
        Random random = new Random(11);
        for (List<X509Certificate> pool : pools) {
            CertificateChain first = assemble(pool.toArray(X509Certificate[]::new));
            List<X509Certificate> order = new ArrayList<>(pool);
            for (int i = 0; i < 25; i++) {
                Collections.shuffle(order, random);
                CertificateChain chain = assemble(order.toArray(X509Certificate[]::new));
                assertEquals(first.all(), chain.all(), "order " + order);
                assertEquals(sorted(first.warnings()), sorted(chain.warnings()), "order " + order);
            }
        }
    }

    private static List<String> sorted(List<String> texts) {
        return texts.stream().sorted().toList();
    }

    /** A cross-signed version whose named signer is present but did not sign it stays out of the files. */
    @Test
    void aForgedCrossSignedVersionBesideItsRootIsLeftOut() throws Exception {
        X509Certificate forged = CA.forgedCrossSignedRoot();
        for (List<X509Certificate> order : List.of(
                List.of(LEAF, CA.issuing(), CA.root(), forged, CA.oldRoot()),
                List.of(CA.oldRoot(), forged, CA.root(), CA.issuing(), LEAF))) {
            CertificateChain chain = assemble(order.toArray(X509Certificate[]::new));
            assertEquals(List.of(CA.issuing()), chain.intermediates(), order.toString());
            assertEquals(Optional.of(CA.root()), chain.root(), order.toString());
            assertEquals(2, chain.warnings().size(), chain.warnings().toString());
        }
    }

    @Test
    void toleratesCrlfEscapedSlashesAndRepeats() throws Exception {
        String text = (Pem.certificate(LEAF) + Pem.certificate(CA.issuing()) + Pem.certificate(LEAF))
                .replace("\n", "\r\n")
                .replace("/", "\\/");
        CertificateChain chain = ChainAssembler.assemble(text, CsrParser.parse(CSR.bytes()));
        assertEquals(List.of(LEAF, CA.issuing()), chain.all());
    }

    @Test
    void refusesAChainWithoutTheCsrsKey() {
        TestCsr other =
                TestCsrs.of(io.jenkins.plugins.digicert.simulator.TestKeys.freshRsa(), "x.example.com", List.of());
        ChainException e = assertThrows(
                ChainException.class,
                () -> ChainAssembler.assemble(
                        Pem.certificates(List.of(LEAF, CA.issuing())), CsrParser.parse(other.bytes())));
        assertTrue(
                e.getMessage().contains("None of the 2 certificates DigiCert returned carries the CSR's public key"),
                e.getMessage());
    }

    @Test
    void theRefusalNamesEveryCertificateItWasGiven() {
        TestCsr other =
                TestCsrs.of(io.jenkins.plugins.digicert.simulator.TestKeys.freshRsa(), "x.example.com", List.of());
        ChainException e = assertThrows(
                ChainException.class,
                () -> ChainAssembler.assemble(
                        List.of(Pem.certificate(LEAF), Pem.certificate(CA.issuing())), CsrParser.parse(other.bytes())));
        assertTrue(
                e.getMessage()
                        .contains("[" + LEAF.getSubjectX500Principal().getName() + ", "
                                + CA.issuing().getSubjectX500Principal().getName() + "]"),
                e.getMessage());
    }

    @Test
    void refusesALeafWhoseSignatureItsIssuerDidNotMake() {
        X509Certificate forged = CA.forge(CSR.keys().getPublic(), "www.example.com");
        ChainException e = assertThrows(ChainException.class, () -> assemble(forged, CA.issuing(), CA.root()));
        assertTrue(e.getMessage().contains("does not verify with the key of its issuer"), e.getMessage());
    }

    @Test
    void refusesGarbage() {
        assertThrows(ChainException.class, () -> ChainAssembler.assemble("no pem here", CsrParser.parse(CSR.bytes())));
        assertThrows(
                ChainException.class,
                () -> ChainAssembler.assemble(
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                        CsrParser.parse(CSR.bytes())));
    }

    @Test
    void aDamagedCertificateIsRefusedWithoutTheJdksText() throws Exception {
        // A property test cut the END line off a block: the message ended in "java.io.IOException: Illegal footer".
        String text = Pem.certificate(LEAF).replace("-----END CERTIFICATE-----", "") + Pem.certificate(CA.issuing());
        ChainException e =
                assertThrows(ChainException.class, () -> ChainAssembler.assemble(text, CsrParser.parse(CSR.bytes())));
        assertEquals(
                "A certificate in DigiCert's answer cannot be parsed: its PEM text is damaged or cut off. Nothing was "
                        + "written; run the build again, and if it persists, download the certificate from CertCentral.",
                e.getMessage());
        assertTrue(
                e.getCause().getMessage().contains("Illegal footer"),
                e.getCause().getMessage());
    }

    @Test
    void refusesMoreThanTenCertificates() {
        List<X509Certificate> many = new ArrayList<>();
        many.add(LEAF);
        TestCa other = CA;
        for (int i = 0; i < 10; i++) {
            many.add(other.issue(
                    io.jenkins.plugins.digicert.simulator.TestKeys.rsa2048().getPublic(),
                    "n" + i + ".example.com",
                    List.of(),
                    NOW,
                    NOW.plusSeconds(3600)));
        }
        ChainException e = assertThrows(ChainException.class, () -> assemble(many.toArray(X509Certificate[]::new)));
        assertTrue(e.getMessage().contains("a chain has at most 10"), e.getMessage());
    }

    @Test
    void leafFacts() throws Exception {
        CertificateFacts facts = assemble(LEAF, CA.issuing()).leafFacts();
        assertEquals(LEAF.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT), facts.serialNumber());
        assertEquals(List.of("www.example.com", "api.example.com"), facts.dnsNames());
        assertEquals(LEAF.getNotAfter().toInstant(), facts.notAfter());
        assertEquals(95, facts.sha256Fingerprint().length(), "32 bytes as hex pairs with colons");
        assertTrue(facts.subject().contains("CN=www.example.com"));
        assertEquals("www.example.com", facts.commonName());
    }

    @Test
    void aSelfSignedLeafIsAChainOfOneWithoutRoot() throws Exception {
        X509Certificate selfSigned = selfSigned(CSR.keys(), "CN=www.example.com");
        CertificateChain chain = assemble(selfSigned, CA.issuing(), CA.root());

        assertEquals(List.of(selfSigned), chain.all());
        assertEquals(List.of(), chain.intermediates());
        assertEquals(Optional.empty(), chain.root(), "a certificate is never its own root");
        assertEquals(2, chain.warnings().size(), chain.warnings().toString());
    }

    @Test
    void exactlyTenCertificatesAreAcceptedAndTheOnesOffTheChainAreNamed() throws Exception {
        List<X509Certificate> ten = new ArrayList<>(List.of(LEAF, CA.issuing()));
        for (int i = 0; i < 8; i++) {
            ten.add(CA.issue(
                    io.jenkins.plugins.digicert.simulator.TestKeys.rsa2048().getPublic(),
                    "n" + i + ".example.com",
                    List.of(),
                    NOW,
                    NOW.plusSeconds(3600)));
        }
        CertificateChain chain = assemble(ten.toArray(X509Certificate[]::new));

        assertEquals(List.of(LEAF, CA.issuing()), chain.all());
        assertEquals(8, chain.warnings().size(), chain.warnings().toString());
        for (int i = 0; i < 8; i++) {
            assertEquals(
                    "DigiCert also returned '"
                            + ten.get(i + 2).getSubjectX500Principal().getName()
                            + "', which is not on the "
                            + "leaf's chain; it was left out of the files.",
                    chain.warnings().get(i));
        }
    }

    @Test
    void repeatsCountOnceTowardsTheLimitAndInTheWarnings() throws Exception {
        List<X509Certificate> ten = new ArrayList<>(List.of(LEAF, CA.issuing()));
        for (int i = 0; i < 8; i++) {
            ten.add(CA.issue(
                    io.jenkins.plugins.digicert.simulator.TestKeys.rsa2048().getPublic(),
                    "r" + i + ".example.com",
                    List.of(),
                    NOW,
                    NOW.plusSeconds(3600)));
        }
        List<X509Certificate> withRepeats = new ArrayList<>(ten);
        withRepeats.add(ten.get(2));
        withRepeats.add(LEAF);
        CertificateChain chain = assemble(withRepeats.toArray(X509Certificate[]::new));

        assertEquals(List.of(LEAF, CA.issuing()), chain.all());
        assertEquals(8, chain.warnings().size(), chain.warnings().toString());
    }

    private static X509Certificate selfSigned(KeyPair keys, String name) throws Exception {
        X500Name x500 = new X500Name(name);
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                x500,
                                BigInteger.valueOf(7),
                                Date.from(NOW.minusSeconds(60)),
                                Date.from(NOW.plus(Duration.ofDays(30))),
                                x500,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static CertificateChain assemble(X509Certificate... certificates) throws Exception {
        return ChainAssembler.assemble(Pem.certificates(List.of(certificates)), CsrParser.parse(CSR.bytes()));
    }
}
