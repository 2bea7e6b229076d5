package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case a user met: a key with a '/' echoed back in a JSON error message, where JSON escapes it as '\/'. A mask
 * that runs on the raw body misses it, and the decoded message carries the key in clear.
 */
class EscapedKeyEchoTest {

    private static final String KEY = "Ab3/x9\"Q\\z7%&<p>";

    private CertCentralSimulator simulator;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = CertCentralSimulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
    }

    private CertCentralClient client() {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(new ManualTime(), () -> 0.5);
        return new CertCentralClient(ApiKey.of(KEY), settings, log::add);
    }

    @Test
    void aKeyEchoedWithJsonEscapesIsMaskedInTheDecodedMessage() {
        String escaped = KEY.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
        simulator.failNext(
                Endpoint.ORDER_DETAILS,
                Fault.json(
                        400,
                        "{\"errors\":[{\"code\":\"invalid_request_header\",\"message\":\"bad header X-DC-DEVKEY: "
                                + escaped + "\"}]}"));
        CertCentralException e = assertThrows(CertCentralException.class, () -> client().orderDetails(1234567));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(e.errors().toString().contains(KEY), e.errors().toString());
        assertTrue(e.getMessage().contains("bad header X-DC-DEVKEY: ****"), e.getMessage());
    }

    @Test
    void aKeyEchoedWithUnicodeEscapesIsMasked() {
        StringBuilder escaped = new StringBuilder();
        KEY.chars().forEach(c -> escaped.append(String.format("\\u%04X", c)));
        simulator.failNext(
                Endpoint.ORDER_DETAILS,
                Fault.json(400, "{\"errors\":{\"code\":\"x\",\"message\":\"key " + escaped + "\"}}"));
        CertCentralException e = assertThrows(CertCentralException.class, () -> client().orderDetails(1234567));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().contains("key ****"), e.getMessage());
    }
}
