package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.UserFacing;
import io.jenkins.plugins.digicert.simulator.TestCa;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestCsrs.TestCsr;
import io.jenkins.plugins.digicert.simulator.TestKeys;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever text comes back as a chain (real certificates of the test CA in any order, repeated, unrelated or
 * forged; CRLF, blank lines, escaped slashes, indentation; truncated, flipped, garbage, several MB), the assembler
 * gives a verified chain for the CSR or a {@link ChainException} that says why, quickly and without running out
 * of memory. When the leaf is there and nothing was damaged, the chain assembles.
 */
class ChainAssemblerPropertyTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TestCa ca;
    private static CertificateRequest csr;
    private static X509Certificate leaf;
    private static List<X509Certificate> others;
    private static X509Certificate forged;

    @BeforeAll
    static void certificates() throws Exception {
        ca = new TestCa();
        TestCsr testCsr = TestCsrs.rsa("www.example.com", "www.example.com");
        csr = CsrParser.parse(testCsr.bytes());
        leaf = ca.issue(testCsr.keys().getPublic(), "www.example.com", List.of(), NOW, NOW.plus(Duration.ofDays(90)));
        X509Certificate deepLeaf = ca.issueFromSubordinate(testCsr.keys().getPublic(), "www.example.com");
        X509Certificate unrelated = ca.issue(
                TestKeys.ec("secp256r1").getPublic(), "other.example.com", List.of(), NOW, NOW.plusSeconds(60));
        forged = ca.forge(testCsr.keys().getPublic(), "www.example.com");
        others = List.of(
                ca.issuing(),
                ca.root(),
                ca.crossSignedRoot(),
                ca.oldRoot(),
                ca.subordinate(),
                unrelated,
                deepLeaf,
                forged);
    }

    /** The text, and whether it holds the leaf with the rest undamaged, so that it must assemble. */
    record Answer(String text, boolean mustAssemble) {
        @Override
        public String toString() {
            return (mustAssemble ? "must assemble: " : "may fail: ") + text;
        }
    }

    static Answer answer(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return new Answer(Gen.anyText(random, 3000), false);
        }
        if (kind == 1) {
            String base64 = Gen.ascii(random, 2000).replaceAll("[^A-Za-z0-9+/=]", "");
            return new Answer("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n", false);
        }
        List<X509Certificate> picked = new ArrayList<>();
        boolean withLeaf = random.nextInt(5) > 0;
        if (withLeaf) {
            picked.add(leaf);
        }
        for (int i = random.nextInt(6); i > 0; i--) {
            picked.add(Gen.oneOf(random, others));
        }
        for (int i = random.nextInt(3); i > 0 && !picked.isEmpty(); i--) {
            picked.add(Gen.oneOf(random, picked)); // the same certificate again
        }
        Collections.shuffle(picked, random);
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : picked) {
            text.append(Pem.certificate(certificate));
            if (random.nextInt(4) == 0) {
                text.append("\n".repeat(random.nextInt(4)));
            }
        }
        String pem = transported(random, text.toString());
        if (random.nextInt(8) == 0) {
            pem = "\uFEFF" + pem; // a byte order mark, as a file begins
        }
        if (kind == 2) {
            return new Answer(huge(random, pem), false);
        }
        if (kind < 8) {
            return new Answer(damaged(random, pem), false);
        }
        // A forgery that carries the CSR's key may be taken for the leaf, and then the answer is rightly refused.
        return new Answer(pem, withLeaf && !picked.contains(forged));
    }

    /** What transports do to PEM and the assembler undoes: CRLF, CR, escaped slashes, indentation. */
    static String transported(Random random, String pem) {
        String text = pem;
        if (random.nextBoolean()) {
            text = text.replace("\n", random.nextBoolean() ? "\r\n" : "\r");
        }
        if (random.nextBoolean()) {
            text = text.replace("/", "\\/");
        }
        if (random.nextInt(4) == 0) {
            text = text.replace("\n", "\n" + " ".repeat(random.nextInt(5)) + "\t");
        }
        return text;
    }

    static String damaged(Random random, String pem) {
        if (pem.isEmpty()) {
            return pem;
        }
        char[] chars = pem.toCharArray();
        return switch (random.nextInt(6)) {
            case 0 -> pem.substring(0, random.nextInt(pem.length())); // cut
            case 1 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    chars[random.nextInt(chars.length)] =
                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-!\n"
                                    .charAt(random.nextInt(68));
                }
                yield new String(chars);
            }
            case 2 -> Gen.anyText(random, 100) + pem + Gen.anyText(random, 100);
            case 3 -> pem.replace("-----END CERTIFICATE-----", "-----END CERTIFICATE-----\n" + Gen.ascii(random, 80));
            case 4 ->
                pem.replaceFirst(
                        "CERTIFICATE", Gen.oneOf(random, List.of("X509 CRL", "PKCS7", "CERTIFICATE REQUEST", "")));
            default -> pem.replace("-----END CERTIFICATE-----", "");
        };
    }

    /** Several MB: the text repeated, or one certificate a great many times. */
    static String huge(Random random, String pem) {
        String block = pem.isEmpty() ? Pem.certificate(leaf) : pem;
        return block.repeat(Math.max(1, (2 + random.nextInt(4)) * 1024 * 1024 / block.length()));
    }

    /**
     * The root's cross-signed version, as the assembler may put it before the root: the root's name and key, issued
     * by another name that is nowhere in the answer (so its signature cannot be checked), a CA certificate, and not
     * expired when the leaf was issued.
     */
    private static boolean isCrossSignedTwin(
            X509Certificate crossSigned, X509Certificate root, X509Certificate leaf, List<X509Certificate> answered) {
        return crossSigned.getSubjectX500Principal().equals(root.getSubjectX500Principal())
                && Arrays.equals(
                        crossSigned.getPublicKey().getEncoded(),
                        root.getPublicKey().getEncoded())
                && !crossSigned.getIssuerX500Principal().equals(crossSigned.getSubjectX500Principal())
                && answered.stream()
                        .noneMatch(c -> c.getSubjectX500Principal().equals(crossSigned.getIssuerX500Principal()))
                && crossSigned.getBasicConstraints() >= 0
                && !crossSigned.getNotAfter().before(leaf.getNotBefore());
    }

    @Test
    void givesAVerifiedChainOrSaysWhyNot() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> ForAll.check(ChainAssemblerPropertyTest::answer, this::assemble));
    }

    private void assemble(Answer answer) {
        long started = System.nanoTime();
        try {
            CertificateChain chain = ChainAssembler.assemble(answer.text(), csr);
            assertTrue(csr.hasPublicKey(chain.leaf().getPublicKey().getEncoded()), "a leaf for another key");
            List<X509Certificate> all = chain.all();
            assertTrue(all.size() <= ChainAssembler.MAX_CERTIFICATES, "too long a chain");
            for (int i = 0; i + 1 < all.size(); i++) {
                X509Certificate subject = all.get(i);
                X509Certificate issuer = all.get(i + 1);
                if (chain.root().isPresent()
                        && i + 2 == all.size()
                        && isCrossSignedTwin(subject, issuer, chain.leaf(), ChainAssembler.parse(answer.text()))) {
                    continue; // the last intermediate is the root's cross-signed version: same CA, same key
                }
                assertEquals(subject.getIssuerX500Principal(), issuer.getSubjectX500Principal(), "not linked");
                try {
                    subject.verify(issuer.getPublicKey());
                } catch (Exception e) {
                    fail("a signature that does not verify in the chain: " + e);
                }
            }
            assertEquals(all.size(), all.stream().distinct().count(), "a certificate twice in the chain");
        } catch (ChainException e) {
            assertFalse(answer.mustAssemble(), () -> "refused a good chain: " + e.getMessage());
            UserFacing.assertUserFacing(e);
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("not a ChainException", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5000, () -> "took " + millis + " ms");
    }

    @Test
    void alistOfPemsAsInTheIssuedAnswerAssemblesLikeTheirText() {
        ForAll.check(
                50,
                random -> {
                    List<X509Certificate> chain = new ArrayList<>(List.of(leaf, ca.issuing(), ca.root()));
                    Collections.shuffle(chain, random);
                    List<String> pems = new ArrayList<>();
                    for (X509Certificate certificate : chain) {
                        pems.add(
                                transported(random, Pem.certificate(certificate).strip()));
                    }
                    return pems;
                },
                pems -> assertEquals(
                        List.of(leaf, ca.issuing(), ca.root()),
                        ChainAssembler.assemble(pems, csr).all()));
    }
}
