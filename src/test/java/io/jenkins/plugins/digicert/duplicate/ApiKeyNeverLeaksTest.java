package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a duplicate can end, with the API key watched for in everything the run leaves behind: the log,
 * the exception's message, cause chain and stack trace text, toString of what was made, and the files.
 */
class ApiKeyNeverLeaksTest {

    private static final byte[] CSR = TestCsrs.rsa("example.com", "example.com").bytes();

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(1234567, "ssl_plus", "example.com");
        simulator.addOrder(42, "ssl_dv_geotrust", "example.com");
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
    }

    record Scenario(String name, String key, String orderId, Consumer<CertCentralSimulator> setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        String key = CertCentralSimulator.API_KEY;
        return Stream.of(
                new Scenario("issued", key, "1234567", s -> {}),
                new Scenario("invalid key", "k3y-" + "a1b2c3d4e5f6a7b8c9d0", "1234567", s -> {}),
                new Scenario("view-only key", CertCentralSimulator.VIEW_ONLY_API_KEY, "1234567", s -> {}),
                new Scenario("unknown order", key, "7", s -> {}),
                new Scenario("duplicates not allowed", key, "42", s -> {}),
                new Scenario("rejected", key, "1234567", s -> s.setIssuance(Issuance.pendingThenRejected(1))),
                new Scenario("timed out", key, "1234567", s -> s.setIssuance(Issuance.NEVER)),
                new Scenario("429 to the end", key, "1234567", s -> {
                    for (int i = 0; i < 10; i++) {
                        s.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(2));
                    }
                }),
                new Scenario("5xx html", key, "1234567", s -> {
                    for (int i = 0; i < 10; i++) {
                        s.failNext(Endpoint.ORDER_DETAILS, Fault.htmlPage(502));
                    }
                }),
                new Scenario(
                        "malformed json",
                        key,
                        "1234567",
                        s -> s.failNext(Endpoint.ORDER_DETAILS, Fault.json(200, "{"))),
                new Scenario(
                        "server echoes the key",
                        key,
                        "1234567",
                        s -> s.failNext(
                                Endpoint.ORDER_DETAILS,
                                Fault.error(
                                        400, "bad_request", "Bad key " + CertCentralSimulator.API_KEY + " in header"))),
                new Scenario("dropped connection", key, "1234567", s -> {
                    for (int i = 0; i < 3; i++) {
                        s.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.serverError(504));
                    }
                }),
                new Scenario("unreachable", key, "1234567", s -> {
                    try {
                        s.close();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void keyAppearsNowhere(Scenario scenario, @TempDir Path dir) throws Exception {
        String url = simulator.baseUrl();
        scenario.setup().accept(simulator);
        ApiKey key = ApiKey.of(scenario.key());
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(url)
                .withRateLimiters(RateLimiters.unlimited())
                .withRetryPolicy(RetryPolicy.DEFAULT)
                .withTime(time, () -> 0.5);
        DuplicateOptions options = DuplicateOptions.builder(scenario.orderId())
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(2)))
                .build();
        StringBuilder seen = new StringBuilder();
        try {
            DuplicateOutcome outcome = Duplicator.run(key, settings, options, CSR, log::add);
            OutputWriter.write(dir, outcome.files().contents());
            seen.append(outcome.result()).append(outcome.result().toMap());
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.append(trace);
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.append(t.getMessage()).append(t);
            }
        }
        seen.append(String.join("\n", log)).append(key).append(settings).append(options);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                seen.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(seen.isEmpty());
        assertFalse(seen.toString().contains(scenario.key()), () -> scenario + " leaked the key:\n" + seen);
        assertFalse(
                seen.toString().contains(scenario.key().substring(4, 20)), () -> scenario + " leaked part of the key");
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void aBadKeyIsRefusedWithoutQuotingIt(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of(bad));
        assertTrue(e.getMessage().startsWith("The CertCentral API key"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-part"), e.getMessage());
    }

    static Stream<String> badKeys() {
        return Stream.of("secret-part\nX-Other: 1", "secret-part with space", "secret-partÄ", "secret-part".repeat(60));
    }
}
