package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.UserFacing;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.HostileBodies;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client over loopback, answered with successful statuses whose bodies have fields of the wrong types,
 * nulls, missing and extra fields, or no JSON at all: each call gives a value whose lists and parts are never
 * null, or a {@link CertCentralException} that says the answer could not be read.
 */
class CertCentralClientPropertyTest {

    private static final long ORDER = 1234567;
    private static final String CSR_PEM = TestCsrs.rsa("example.com").pem();

    private static CertCentralSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    record Answer(Endpoint endpoint, int status, String contentType, String body) {
        @Override
        public String toString() {
            return endpoint + " answered " + status + " " + contentType + ": " + body;
        }
    }

    static Answer answer(Random random) {
        Endpoint endpoint = Gen.oneOf(
                random,
                List.of(
                        Endpoint.SUBMIT_DUPLICATE,
                        Endpoint.ORDER_DETAILS,
                        Endpoint.LIST_DUPLICATES,
                        Endpoint.REQUEST_DETAILS));
        HostileBodies.Shape shape =
                switch (endpoint) {
                    case SUBMIT_DUPLICATE -> HostileBodies.duplicateAnswer(HostileBodies.TEXT);
                    case ORDER_DETAILS -> HostileBodies.ORDER;
                    case LIST_DUPLICATES -> HostileBodies.listing(HostileBodies.TEXT);
                    default -> HostileBodies.REQUEST;
                };
        int status = endpoint == Endpoint.SUBMIT_DUPLICATE
                ? Gen.oneOf(random, List.of(201, 201, 200, 202))
                : Gen.oneOf(random, List.of(200, 200, 200, 203));
        String type = Gen.oneOf(random, List.of("application/json", "application/json; charset=utf-8", "text/html"));
        return new Answer(endpoint, status, type, HostileBodies.body(random, shape));
    }

    @Test
    void everyAnswerIsReadOrSaidToBeUnreadable() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> ForAll.check(CertCentralClientPropertyTest::answer, this::call));
    }

    private void call(Answer answer) throws Exception {
        simulator.failNext(
                answer.endpoint(),
                Fault.response(new MockResponse.Builder()
                        .code(answer.status())
                        .addHeader("Content-Type", answer.contentType())
                        .body(answer.body())
                        .build()));
        CertCentralClient client = new CertCentralClient(
                ApiKey.of(CertCentralSimulator.API_KEY),
                ClientSettings.defaults()
                        .withBaseUrl(simulator.baseUrl())
                        .withRateLimiters(RateLimiters.unlimited())
                        .withTime(new ManualTime(), () -> 0.5),
                line -> {});
        try {
            switch (answer.endpoint()) {
                case SUBMIT_DUPLICATE ->
                    check(client.submitDuplicate(
                            ORDER,
                            new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                                    "example.com", List.of("example.com"), CSR_PEM, null, "sha256", null))));
                case ORDER_DETAILS -> check(client.orderDetails(ORDER));
                case LIST_DUPLICATES -> check(client.listDuplicates(ORDER));
                default -> check(client.requestDetails(77));
            }
        } catch (CertCentralException e) {
            UserFacing.assertUserFacing(e);
            assertEquals(answer.status(), e.status(), e::getMessage);
            assertTrue(e.outcomeUnknown(), "a 2xx that cannot be read leaves the outcome unknown");
            assertTrue(e.getMessage().startsWith("CertCentral's answer could not be read"), e::getMessage);
            assertTrue(
                    e.getMessage().length() < 1000,
                    () -> "a message of " + e.getMessage().length());
            if (wellFormed(answer.body())) {
                assertFalse(e.getMessage().contains("(malformed JSON)"), e::getMessage);
            }
        } finally {
            simulator.clearFaults(answer.endpoint());
        }
    }

    private static boolean wellFormed(String body) {
        try {
            return !body.isBlank() && new com.fasterxml.jackson.databind.ObjectMapper().readTree(body) != null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return false;
        }
    }

    private static void check(DuplicateResponse response) {
        assertNotNull(response.requests());
        assertNotNull(response.certificateChain());
        assertTrue(response.requests().stream().noneMatch(java.util.Objects::isNull));
        assertTrue(response.certificateChain().stream().noneMatch(java.util.Objects::isNull));
        assertNotNull(response.requestIds());
        assertEquals(response.requestIds().stream().findFirst(), response.firstRequestId());
        assertEquals(
                response.certificateId() != null && !response.certificateChain().isEmpty(), response.issued());
    }

    private static void check(OrderDetails order) {
        assertNotNull(order.certificate());
        assertNotNull(order.product());
        assertNotNull(order.certificate().dnsNames());
        assertTrue(order.certificate().dnsNames().stream().noneMatch(java.util.Objects::isNull));
    }

    private static void check(DuplicateListing listing) {
        assertNotNull(listing.certificates());
        assertTrue(listing.certificates().stream().noneMatch(java.util.Objects::isNull));
        listing.certificates().forEach(item -> {
            assertFalse(item.issued() && item.rejected(), item::toString);
        });
    }

    private static void check(RequestDetails request) {
        assertFalse(request.approved() && request.rejected(), request::toString);
    }
}
