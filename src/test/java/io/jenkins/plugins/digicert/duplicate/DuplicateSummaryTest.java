package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the build page, the remote API and later build steps are told about a duplicate. */
@ExtendWith(SimulatorExtension.class)
class DuplicateSummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static DuplicateRecord issued(Instant notAfter) {
        DuplicateRecord record = new DuplicateRecord(
                1234567, "csr", "key", "example.com", List.of("example.com", "www.example.com"), null, List.of());
        record.sent(List.of(77L));
        record.issued(500001, List.of());
        record.describe(new CertificateFacts(
                "example.com",
                "CN=example.com",
                "CN=Test Issuing CA",
                "0A1B",
                "AA:BB",
                NOW.minus(Duration.ofDays(1)),
                notAfter,
                List.of("example.com", "www.example.com")));
        record.placed(List.of(
                "tls/certificate.pem", "tls/chain.pem", "tls/fullchain.pem", "tls/root.pem", "tls/duplicate.json"));
        record.archived(List.of("tls/fullchain.pem"));
        return record;
    }

    @Test
    void anIssuedDuplicateWithItsFactsAndDaysLeft() {
        DuplicateSummary summary = DuplicateSummary.of(issued(NOW.plus(Duration.ofDays(300))), NOW);

        assertEquals(1234567, summary.orderId());
        assertEquals("77", summary.requestId());
        assertEquals("issued", summary.status());
        assertEquals(500001L, summary.certificateId());
        assertEquals("example.com", summary.commonName());
        assertEquals(List.of("www.example.com"), summary.otherNames());
        assertEquals("0A1B", summary.serialNumber());
        assertEquals("CN=Test Issuing CA", summary.issuer());
        assertEquals(300L, summary.daysLeft());
        assertFalse(summary.expiresSoon());
        assertTrue(summary.expiryWarning().isEmpty());
        assertEquals(List.of("tls/fullchain.pem"), summary.artifacts());
    }

    @Test
    void warnsWithinThirtyDaysOfExpiry() {
        DuplicateSummary last =
                DuplicateSummary.of(issued(NOW.plus(Duration.ofDays(29)).plusSeconds(60)), NOW);
        DuplicateSummary first = DuplicateSummary.of(issued(NOW.plus(Duration.ofDays(30))), NOW);

        assertTrue(last.expiresSoon());
        assertEquals(
                "The certificate expires on 2026-12-29, in 29 days: a duplicate ends when its order does. Renew the "
                        + "order in CertCentral for a certificate that lasts longer.",
                last.expiryWarning().orElseThrow());
        assertFalse(first.expiresSoon(), "30 days left is not within 30 days");
    }

    @Test
    void anExpiredCertificateSaysSo() {
        DuplicateSummary summary = DuplicateSummary.of(issued(NOW.minus(Duration.ofDays(2))), NOW);

        assertEquals(-2L, summary.daysLeft());
        assertTrue(summary.expiryWarning().orElseThrow().startsWith("The certificate expired on 2026-11-28"));
    }

    @Test
    void variablesForLaterBuildSteps() {
        Map<String, String> variables =
                DuplicateSummary.of(issued(NOW.plus(Duration.ofDays(300))), NOW).variables();

        assertEquals(
                Map.of(
                        "DIGICERT_ORDER_ID", "1234567",
                        "DIGICERT_REQUEST_ID", "77",
                        "DIGICERT_STATUS", "issued",
                        "DIGICERT_CERTIFICATE_ID", "500001",
                        "DIGICERT_SERIAL", "0A1B",
                        "DIGICERT_NOT_AFTER", NOW.plus(Duration.ofDays(300)).toString(),
                        "DIGICERT_CERTIFICATE", "tls/certificate.pem",
                        "DIGICERT_CHAIN", "tls/chain.pem",
                        "DIGICERT_FULLCHAIN", "tls/fullchain.pem"),
                variables);
    }

    @Test
    void aPendingDuplicateHasNoCertificateFactsYet() {
        DuplicateRecord record = new DuplicateRecord(1, "csr", "key", "example.com", List.of(), null, List.of());
        record.sent(List.of(5L));
        record.pending();
        record.placed(List.of("duplicate.json"));

        DuplicateSummary summary = DuplicateSummary.of(record, NOW);

        assertEquals("pending", summary.status());
        assertNull(summary.daysLeft());
        assertNull(summary.serialNumber());
        assertTrue(summary.expiryWarning().isEmpty());
        assertEquals(
                Map.of("DIGICERT_ORDER_ID", "1", "DIGICERT_REQUEST_ID", "5", "DIGICERT_STATUS", "pending"),
                summary.variables());
    }

    @Test
    void statusesAsShown() {
        DuplicateRecord record = new DuplicateRecord(1, "csr", "key", "example.com", List.of(), null, List.of());
        assertEquals("sending", DuplicateSummary.of(record, NOW).status());
        record.timedOut();
        assertEquals("timed out", DuplicateSummary.of(record, NOW).status());
        record.rejected();
        assertEquals("rejected", DuplicateSummary.of(record, NOW).status());
    }

    @Test
    void aDuplicateIssuedCloseToItsExpiryIsAWarningInTheLog(CertCentralSimulator simulator) throws Exception {
        simulator.addOrder(1234567, "ssl_plus", "example.com", "example.com");
        ManualTime time = new ManualTime();
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(time, () -> 0.5);
        DuplicateOptions options = DuplicateOptions.builder("1234567")
                .commonName("example.com")
                .dnsNames(List.of("example.com"))
                .build();
        ApiKey key = ApiKey.of(CertCentralSimulator.API_KEY);
        Instant notAfter = Instant.parse(Duplicator.run(
                        key, settings, options, TestCsrs.rsa("example.com").bytes(), line -> {})
                .result()
                .notAfter());
        time.advance(Duration.between(time.now(), notAfter.minus(Duration.ofDays(10))));
        List<String> log = new ArrayList<>();

        DuplicateOutcome outcome = Duplicator.run(
                key, settings, options, TestCsrs.rsa("example.com").bytes(), log::add);

        assertTrue(
                outcome.result().warnings().stream().anyMatch(w -> w.contains("in 9 days") || w.contains("in 10 days")),
                outcome.result().warnings()::toString);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARNING: The certificate expires on")), log::toString);
    }
}
