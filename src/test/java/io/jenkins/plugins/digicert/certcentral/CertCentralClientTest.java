package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimulatorExtension.class)
class CertCentralClientTest {

    private static final long ORDER = 1234567;

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "example.com", "www.example.com");
    }

    private CertCentralClient client(String key) {
        return new CertCentralClient(ApiKey.of(key), settings(), log::add);
    }

    private ClientSettings settings() {
        return ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(new RateLimiters(RateLimit.CERTCENTRAL, time))
                .withTime(time, () -> 0.5);
    }

    @Test
    void theListCarriesCertCentralsClockFromItsDateHeader() throws Exception {
        simulator.setClock(() -> java.time.Instant.parse("2026-12-07T05:42:25.700Z"));
        assertEquals(
                java.time.Instant.parse("2026-12-07T05:42:25Z"),
                client(CertCentralSimulator.API_KEY).listDuplicates(ORDER).servedAt());

        simulator.failNext(Endpoint.LIST_DUPLICATES, Fault.json(200, "{\"certificates\":[]}")); // no Date header
        assertEquals(
                null, client(CertCentralSimulator.API_KEY).listDuplicates(ORDER).servedAt());
    }

    @Test
    void readsOrderDetailsWithTheDocumentedHeaders() throws Exception {
        OrderDetails order = client(CertCentralSimulator.API_KEY).orderDetails(ORDER);

        assertEquals("example.com", order.certificate().commonName());
        assertEquals(
                List.of("example.com", "www.example.com"), order.certificate().dnsNames());
        assertEquals("ssl_plus", order.product().nameId());
        RecordedRequest request = simulator.requests().get(0);
        assertEquals(CertCentralSimulator.API_KEY, request.getHeaders().get("X-DC-DEVKEY"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertTrue(request.getHeaders().get("User-Agent").startsWith("digicert-duplicate-plugin/"));
        assertEquals("/services/v2/order/certificate/1234567", request.getUrl().encodedPath());
    }

    @Test
    void submitsTheDocumentedBody() throws Exception {
        String csr = TestCsrs.rsa("example.com").pem();
        DuplicateRequestBody body = new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                "example.com",
                List.of("example.com"),
                csr,
                new DuplicateRequestBody.ServerPlatform(45),
                "sha384",
                "ABC123"));

        DuplicateResponse response = client(CertCentralSimulator.API_KEY).submitDuplicate(ORDER, body);

        assertTrue(response.issued());
        assertEquals(3, response.certificateChain().size());
        String sent = java.util.Objects.requireNonNull(
                        simulator.requests().get(0).getBody())
                .utf8();
        assertEquals(
                "{\"certificate\":{\"common_name\":\"example.com\",\"dns_names\":[\"example.com\"],\"csr\":"
                        + CertCentralClient.JSON.writeValueAsString(csr)
                        + ",\"server_platform\":{\"id\":45},\"signature_hash\":\"sha384\",\"ca_cert_id\":\"ABC123\"}}",
                sent);
        assertTrue(simulator.requests().get(0).getHeaders().get("Content-Type").startsWith("application/json"));
    }

    @Test
    void leavesOptionalFieldsOut() throws Exception {
        String csr = TestCsrs.rsa("example.com").pem();
        client(CertCentralSimulator.API_KEY)
                .submitDuplicate(
                        ORDER,
                        new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                                "example.com", List.of(), csr, null, "sha256", null)));
        String sent = java.util.Objects.requireNonNull(
                        simulator.requests().get(0).getBody())
                .utf8();
        assertFalse(
                sent.contains("dns_names") || sent.contains("server_platform") || sent.contains("ca_cert_id"), sent);
    }

    @Test
    void invalidKeyIsExplained() {
        CertCentralException e = assertThrows(
                CertCentralException.class, () -> client("wrong-key").orderDetails(ORDER));
        assertEquals(403, e.status());
        assertEquals(List.of("access_denied|access_denied_invalid_key"), e.codes());
        assertTrue(
                e.getMessage().startsWith("CertCentral rejected the API key as invalid or revoked."), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 403 to GET /order/certificate/1234567"), e.getMessage());
        assertFalse(e.outcomeUnknown());
    }

    @Test
    void viewOnlyKeyIsExplained() {
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.VIEW_ONLY_API_KEY).submitDuplicate(ORDER, minimalBody()));
        assertTrue(
                e.getMessage().startsWith("The API key is not allowed to do this (it is view-only or restricted)."),
                e.getMessage());
    }

    @Test
    void unknownOrderIsExplained() {
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).orderDetails(999));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().startsWith("The order was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("not_found|order: Order not found."), e.getMessage());
    }

    @Test
    void unparsableCsrIsExplained() {
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY)
                        .submitDuplicate(
                                ORDER,
                                new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                                        "example.com",
                                        List.of(),
                                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
                                        null,
                                        "sha256",
                                        null))));
        assertEquals(List.of("csr_invalid_cannot_parse"), e.codes());
        assertTrue(e.getMessage().startsWith("DigiCert could not accept the CSR."), e.getMessage());
    }

    @Test
    void duplicatesNotAllowedIsExplained() {
        simulator.addOrder(42, "ssl_dv_geotrust", "dv.example.com");
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).submitDuplicate(42, minimalBody()));
        assertTrue(e.getMessage().startsWith("This order does not allow duplicates"), e.getMessage());
    }

    @Test
    void errorsAsAnObjectHtmlPagesEmptyBodiesAndBrokenJsonAreAllReadable() {
        simulator.failNext(
                Endpoint.ORDER_DETAILS, Fault.errorsAsObject(403, "access_denied|missing_permission", "No."));
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.htmlPage(403));
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.emptyBody(400));
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.malformedJson(400));
        CertCentralClient client = client(CertCentralSimulator.API_KEY);

        assertTrue(message(client).contains("access_denied|missing_permission: No."));
        assertTrue(message(client).contains("(an HTML page, probably from a proxy or load balancer: 502 Bad Gateway)"));
        assertTrue(message(client).contains("(empty response body)"));
        assertTrue(message(client).contains("(malformed JSON)"));
    }

    @Test
    void aLongErrorListIsShortenedInTheMessageAndKeptWhole() {
        // 700 different entries and 300 repeats: about 62 KB, under the 64 KiB an error body is read to.
        StringBuilder body = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < 700; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"code\":\"invalid_field_")
                    .append(i)
                    .append("\",\"message\":\"Field ")
                    .append(i)
                    .append(" is invalid.\"}");
        }
        for (int i = 0; i < 300; i++) {
            body.append(",{\"code\":\"invalid_field_0\",\"message\":\"Field 0 is invalid.\"}");
        }
        simulator.failNext(
                Endpoint.ORDER_DETAILS, Fault.json(400, body.append("]}").toString()));

        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).orderDetails(ORDER));

        assertEquals(1000, e.errors().size(), "every entry is kept for whoever reads errors()");
        String message = e.getMessage();
        assertTrue(
                message.contains("invalid_field_0: Field 0 is invalid.; invalid_field_1: Field 1 is invalid.; "
                        + "invalid_field_2: Field 2 is invalid.; invalid_field_3: Field 3 is invalid.; "
                        + "invalid_field_4: Field 4 is invalid.; and 695 more)"),
                message);
        assertFalse(message.contains("invalid_field_5"), message);
        assertTrue(message.length() < 1000, "a message of " + message.length() + " characters");
    }

    @Test
    void repeatedErrorsAreShownOnce() {
        simulator.failNext(
                Endpoint.ORDER_DETAILS,
                Fault.json(
                        400,
                        "{\"errors\":[{\"code\":\"bad_request_format\",\"message\":\"Bad.\"},"
                                + "{\"code\":\"bad_request_format\",\"message\":\"Bad.\"}]}"));

        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).orderDetails(ORDER));

        assertTrue(e.getMessage().endsWith(": bad_request_format: Bad.)"), e.getMessage());
        assertEquals(2, e.errors().size());
    }

    @Test
    void brokenJsonInASuccessIsAnUnknownOutcome() {
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.json(201, "{\"id\": 12"));
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).submitDuplicate(ORDER, minimalBody()));
        assertTrue(e.outcomeUnknown(), "the duplicate may exist");
        assertEquals(201, e.status());
        assertTrue(e.getMessage().startsWith("CertCentral's answer could not be read"), e.getMessage());
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsNotCalledMalformed() {
        // A property test answered 200 with {"id":"abc"} and {"certificate":{"dns_names":["a",null]}}: valid JSON,
        // yet the message said "(malformed JSON)", sending the reader to look for a syntax error.
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.json(200, "{\"id\":\"abc\"}"));
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.json(200, "{\"certificate\":{\"dns_names\":[\"a\",null]}}"));
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.json(200, ""));
        CertCentralClient client = client(CertCentralSimulator.API_KEY);

        assertTrue(message(client).endsWith("(JSON of an unexpected shape) {\"id\":\"abc\"})"));
        assertTrue(message(client).contains("(JSON of an unexpected shape) {\"certificate\""));
        assertTrue(message(client).endsWith("(empty response body))"));
    }

    @Test
    void retries429AfterTheServersRetryAfter() throws Exception {
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(7));

        client(CertCentralSimulator.API_KEY).orderDetails(ORDER);

        assertEquals(2, simulator.requestCount(Endpoint.ORDER_DETAILS));
        assertTrue(time.sleeps().contains(Duration.ofSeconds(7)), time.sleeps().toString());
        assertEquals(1, log.size());
        assertTrue(
                log.get(0).startsWith("CertCentral: HTTP 429; retrying GET /order/certificate/1234567 in 7.0 s"),
                log.get(0));
    }

    @Test
    void retries429WithExponentialBackoffWithoutRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.rateLimited(null));
        }

        client(CertCentralSimulator.API_KEY).submitDuplicate(ORDER, minimalBody());

        assertEquals(4, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "a 429 POST did nothing and is re-sent");
        List<Duration> backoffs =
                time.sleeps().stream().filter(d -> d.toMillis() >= 500).toList();
        // jitter 0.5: half the step plus a quarter: 0.75 s, 1.5 s, 3 s
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000)), backoffs);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        for (int i = 0; i < 10; i++) {
            simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(1));
        }
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).orderDetails(ORDER));
        assertEquals(429, e.status());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), simulator.requestCount(Endpoint.ORDER_DETAILS));
        assertTrue(e.getMessage().startsWith("CertCentral's rate limit for this API key"), e.getMessage());
    }

    @Test
    void givesUpWhenTheTotalWaitWouldPassItsBound() {
        for (int i = 0; i < 5; i++) {
            simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(3600));
        }
        assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).orderDetails(ORDER));
        // each Retry-After is held to 30 s; the 2 min bound allows 4 waits
        assertEquals(5, simulator.requestCount(Endpoint.ORDER_DETAILS));
        assertTrue(
                time.elapsed().compareTo(RetryPolicy.DEFAULT.maxTotal()) <= 0,
                time.elapsed().toString());
    }

    @Test
    void retriesGatewayErrorsOnGetsButNotOnTheDuplicatePost() throws Exception {
        simulator.failNext(Endpoint.LIST_DUPLICATES, Fault.serverError(503));
        simulator.failNext(Endpoint.LIST_DUPLICATES, Fault.htmlPage(502));
        client(CertCentralSimulator.API_KEY).listDuplicates(ORDER);
        assertEquals(3, simulator.requestCount(Endpoint.LIST_DUPLICATES));

        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.serverError(504));
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).submitDuplicate(ORDER, minimalBody()));
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(e.outcomeUnknown());
    }

    @Test
    void aSlowAnswerTimesOutAndAGetIsRetried() throws Exception {
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.slow(Duration.ofMillis(1500)));
        CertCentralClient client = new CertCentralClient(
                ApiKey.of(CertCentralSimulator.API_KEY),
                settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)),
                log::add);

        assertEquals("example.com", client.orderDetails(ORDER).certificate().commonName());
        assertTrue(log.get(0).startsWith("CertCentral: no answer; retrying GET"), log.toString());
    }

    @Test
    void aDroppedConnectionIsAnUnknownOutcomeForThePost() {
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());
        CertCentralException e = assertThrows(
                CertCentralException.class,
                () -> client(CertCentralSimulator.API_KEY).submitDuplicate(ORDER, minimalBody()));
        assertEquals(CertCentralException.NO_RESPONSE, e.status());
        assertTrue(e.outcomeUnknown());
        assertEquals(1, simulator.duplicatesCreated(), "the simulator did create it");
    }

    @Test
    void unreachableServerIsExplained() throws Exception {
        String url = simulator.baseUrl();
        simulator.close();
        CertCentralClient client = new CertCentralClient(
                ApiKey.of(CertCentralSimulator.API_KEY),
                settings().withBaseUrl(url).withRetryPolicy(RetryPolicy.NONE),
                log::add);
        CertCentralException e = assertThrows(CertCentralException.class, () -> client.orderDetails(ORDER));
        assertTrue(e.getMessage().startsWith("CertCentral could not be reached"), e.getMessage());
    }

    @Test
    void refusesAnAnswerLargerThanTheCap() {
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.json(200, "{\"id\":1,\"x\":\"" + "a".repeat(5000) + "\"}"));
        CertCentralClient client = new CertCentralClient(
                ApiKey.of(CertCentralSimulator.API_KEY), settings().withMaxResponseBytes(4096), log::add);
        CertCentralException e = assertThrows(CertCentralException.class, () -> client.orderDetails(ORDER));
        assertTrue(e.getMessage().contains("larger than 4096 bytes"), e.getMessage());
    }

    @Test
    void interruptDuringBackoffStopsTheCall() throws Exception {
        simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(20));
        CertCentralClient client = new CertCentralClient(
                ApiKey.of(CertCentralSimulator.API_KEY),
                settings()
                        .withTime(io.jenkins.plugins.digicert.time.TimeSource.SYSTEM, () -> 0.5)
                        .withRateLimiters(RateLimiters.unlimited()),
                log::add);
        Thread caller = Thread.currentThread();
        // Bounded and a daemon: if the call never logs its backoff, the test fails instead of leaving a spinning
        // thread.
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread interrupter = new Thread(() -> {
            while (log.isEmpty() && System.nanoTime() - giveUp < 0) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        long started = System.nanoTime();
        assertThrows(InterruptedException.class, () -> client.orderDetails(ORDER));
        interrupter.join();
        assertFalse(log.isEmpty(), "the call logged no backoff before it was interrupted");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "stopped well before 20 s");
    }

    @Test
    void toStringShowsNoKey() {
        String text = client(CertCentralSimulator.API_KEY).toString();
        assertFalse(text.contains(CertCentralSimulator.API_KEY), text);
        assertTrue(text.contains("ApiKey[****]"), text);
    }

    private static String message(CertCentralClient client) {
        return assertThrows(CertCentralException.class, () -> client.orderDetails(ORDER))
                .getMessage();
    }

    private static DuplicateRequestBody minimalBody() {
        return new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                "example.com", List.of(), TestCsrs.rsa("example.com").pem(), null, "sha256", null));
    }
}
