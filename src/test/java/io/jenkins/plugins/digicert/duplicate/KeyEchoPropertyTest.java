package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import io.jenkins.plugins.digicert.workspace.OutputWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random keys of every shape the project accepts, and random server answers that echo the key anywhere (an error
 * object or list, an HTML page, plain text, a header, the status line, a 200 or 201 body) in any escaping: the
 * key must not appear in the exception, the log, the result or a file, and every ending is the project's own
 * exception with a message, never a bare runtime exception.
 */
class KeyEchoPropertyTest {

    private static final byte[] CSR =
            TestCsrs.rsa("example.com", "example.com", "www.example.com").bytes();
    private static final long ORDER = 1234567;

    private static CertCentralSimulator simulator;

    @TempDir
    Path files;

    @BeforeAll
    static void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    record Echo(String key, Endpoint endpoint, String shape, Fault fault, Issuance issuance) {
        @Override
        public String toString() {
            return "key " + key + " echoed by " + endpoint + " as " + shape + ", issuance " + issuance;
        }
    }

    static Echo echo(Random random) {
        String key = Gen.apiKey(random);
        String spelled = Gen.spelled(random, key);
        String around = Gen.ascii(random, 20) + spelled + Gen.ascii(random, 20);
        Endpoint endpoint = Gen.oneOf(random, List.of(Endpoint.values()));
        int status = Gen.oneOf(random, List.of(400, 401, 403, 404, 409, 422, 500, 502, 503, 504));
        String json = Gen.jsonString(around).replace(Gen.jsonString(spelled), spelled);
        List<String> shapes = List.of(
                "error list",
                "error object",
                "top-level list",
                "html",
                "text",
                "header",
                "status line",
                "200 order",
                "201 pending",
                "201 issued",
                "200 listing",
                "200 pem");
        String shape = Gen.oneOf(random, shapes);
        Fault fault =
                switch (shape) {
                    case "error list" ->
                        Fault.json(
                                status,
                                random.nextBoolean()
                                        ? "{\"errors\":[{\"code\":\"bad_request\",\"message\":\"" + json + "\"}]}"
                                        : "{\"errors\":[{\"code\":\"" + json + "\",\"message\":\"m\"}]}");
                    case "error object" ->
                        Fault.json(status, "{\"errors\":{\"code\":\"x|" + json + "\",\"message\":\"" + json + "\"}}");
                    case "top-level list" -> Fault.json(status, "[\"" + json + "\",{\"message\":\"" + json + "\"}]");
                    case "html" ->
                        Fault.response(new MockResponse.Builder()
                                .code(status)
                                .addHeader("Content-Type", "text/html")
                                .body("<html><head><title>Denied " + around + "</title></head><body>" + around
                                        + "</body></html>")
                                .build());
                    case "text" ->
                        Fault.response(new MockResponse.Builder()
                                .code(status)
                                .addHeader("Content-Type", "text/plain")
                                .body(around)
                                .build());
                    case "header" ->
                        Fault.response(new MockResponse.Builder()
                                .code(status)
                                .addHeader("X-Echo", headerSafe(around))
                                .addHeader("WWW-Authenticate", "DevKey " + headerSafe(spelled))
                                .build());
                    case "status line" ->
                        Fault.response(new MockResponse.Builder()
                                .status("HTTP/1.1 " + status + " Bad key " + headerSafe(spelled))
                                .build());
                    case "200 order" ->
                        Fault.json(
                                200,
                                "{\"id\":" + ORDER + ",\"status\":\"" + json + "\",\"certificate\":{\"common_name\":\""
                                        + json + "\",\"dns_names\":[\"" + json + "\"],\"valid_till\":\"" + json
                                        + "\"},\"product\":{\"name_id\":\"" + json + "\"}}");
                    case "201 pending" ->
                        Fault.json(
                                201, "{\"id\":" + ORDER + ",\"requests\":[{\"id\":77,\"status\":\"" + json + "\"}]}");
                    case "201 issued" ->
                        Fault.json(
                                201,
                                "{\"id\":" + ORDER + ",\"requests\":[{\"id\":77}],\"certificate_id\":5,"
                                        + "\"certificate_chain\":[{\"subject_common_name\":\"" + json + "\",\"pem\":\""
                                        + "-----BEGIN CERTIFICATE-----\\n" + json
                                        + "\\n-----END CERTIFICATE-----\"}]}");
                    case "200 listing" ->
                        Fault.json(
                                200,
                                "{\"certificates\":[{\"id\":9,\"status\":\"" + json + "\",\"common_name\":\"" + json
                                        + "\",\"serial_number\":\"" + json + "\",\"csr\":\"" + json + "\"}]}");
                    default ->
                        Fault.response(new MockResponse.Builder()
                                .code(200)
                                .addHeader("Content-Type", "application/x-pem-file")
                                .body("-----BEGIN CERTIFICATE-----\n" + around + "\n-----END CERTIFICATE-----\n")
                                .build());
                };
        Issuance issuance = Gen.oneOf(
                random, List.of(Issuance.IMMEDIATE, Issuance.pendingThenIssued(1), Issuance.pendingThenRejected(1)));
        return new Echo(key, endpoint, shape, fault, issuance);
    }

    /** Header values travel as ASCII without line breaks; anything else is the HTTP library's refusal. */
    private static String headerSafe(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Test
    void theKeyNeverLeaves() {
        ForAll.check(KeyEchoPropertyTest::echo, this::runAndLookForTheKey);
    }

    private void runAndLookForTheKey(Echo echo) throws Exception {
        simulator.acceptKey(echo.key());
        simulator.setIssuance(echo.issuance());
        for (int i = 0; i < 8; i++) {
            simulator.failNext(echo.endpoint(), echo.fault());
        }
        ApiKey key = ApiKey.of(echo.key());
        List<String> log = new ArrayList<>();
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withRetryPolicy(RetryPolicy.DEFAULT)
                .withTime(new ManualTime(), () -> 0.5);
        DuplicateOptions options = DuplicateOptions.builder(String.valueOf(ORDER))
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(5)))
                .build();
        Path dir = Files.createTempDirectory(files, "run");
        StringBuilder seen = new StringBuilder();
        try {
            DuplicateOutcome outcome = Duplicator.run(key, settings, options, CSR, log::add);
            OutputWriter.write(dir, outcome.files().contents());
            seen.append(outcome.result()).append(outcome.result().toMap());
        } catch (Exception e) {
            assertInstanceOf(DigicertException.class, e, () -> "not the project's own exception: " + e);
            assertFalse(e.getMessage().startsWith("The DigiCert plugin failed unexpectedly"), e::getMessage);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.append(trace);
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.append(t.getMessage()).append(t);
            }
        } finally {
            clearFaults(echo.endpoint());
        }
        seen.append(String.join("\n", log));
        try (Stream<Path> written = Files.walk(dir)) {
            for (Path file : written.filter(Files::isRegularFile).toList()) {
                seen.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        String text = seen.toString();
        assertFalse(text.contains(echo.key()), () -> "the key in clear in:\n" + text);
        assertFalse(
                text.toLowerCase(java.util.Locale.ROOT).contains(echo.key().toLowerCase(java.util.Locale.ROOT)),
                () -> "the key, case changed, in:\n" + text);
        assertFalse(key.isRevealedIn(text), () -> "the key, escaped, in:\n" + text);
    }

    /** Faults not played (the run ended before reaching them) must not leak into the next try. */
    private static void clearFaults(Endpoint endpoint) {
        simulator.clearFaults(endpoint);
    }
}
