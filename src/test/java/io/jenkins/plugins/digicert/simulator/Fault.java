package io.jenkins.plugins.digicert.simulator;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * A misbehaviour the simulator plays once, for the next call to an endpoint: an error body in one of the
 * shapes seen in the wild, a 429, a slow answer, or a connection dropped after the request was processed.
 */
public final class Fault {

    enum Kind {
        RESPOND,
        SLOW_THEN_NORMAL,
        DROP_AFTER_PROCESSING,
        RESPOND_AFTER_PROCESSING
    }

    final Kind kind;
    final MockResponse response;
    final Duration delay;

    private Fault(Kind kind, MockResponse response, Duration delay) {
        this.kind = kind;
        this.response = response;
        this.delay = delay;
    }

    public static Fault error(int status, String code, String message) {
        return json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    /** {@code errors} as one object instead of a list, as a public client's fixture has it. */
    public static Fault errorsAsObject(int status, String code, String message) {
        return json(status, "{\"errors\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    public static Fault rateLimited(Integer retryAfterSeconds) {
        MockResponse.Builder builder = new MockResponse.Builder()
                .code(429)
                .addHeader("Content-Type", "application/json")
                .body("{\"errors\":[{\"code\":\"request_limit_exceeded\",\"message\":\"Request limit exceeded.\"}]}");
        if (retryAfterSeconds != null) {
            builder.addHeader("Retry-After", retryAfterSeconds);
        }
        return new Fault(Kind.RESPOND, builder.build(), Duration.ZERO);
    }

    public static Fault serverError(int status) {
        return error(status, "server_error", "Service unavailable");
    }

    /** An HTML page, as a proxy or load balancer sends it. */
    public static Fault htmlPage(int status) {
        return new Fault(
                Kind.RESPOND,
                new MockResponse.Builder()
                        .code(status)
                        .addHeader("Content-Type", "text/html")
                        .body(
                                "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>")
                        .build(),
                Duration.ZERO);
    }

    public static Fault malformedJson(int status) {
        return json(status, "{\"errors\":[{\"code\":\"oops\",");
    }

    public static Fault emptyBody(int status) {
        return new Fault(Kind.RESPOND, new MockResponse.Builder().code(status).build(), Duration.ZERO);
    }

    /** Any raw body with a status, for shapes not listed here. */
    public static Fault json(int status, String body) {
        return new Fault(
                Kind.RESPOND,
                new MockResponse.Builder()
                        .code(status)
                        .addHeader("Content-Type", "application/json")
                        .body(body)
                        .build(),
                Duration.ZERO);
    }

    /** Any response at all: odd status lines, headers, content types. */
    public static Fault response(MockResponse response) {
        return new Fault(Kind.RESPOND, response, Duration.ZERO);
    }

    /** Answers normally, but only after {@code delay} (longer than a read timeout makes a timeout). */
    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW_THEN_NORMAL, null, delay);
    }

    /** Answers as usual: queued before a fault, it lets the calls before the faulty one pass. */
    public static Fault normal() {
        return new Fault(Kind.SLOW_THEN_NORMAL, null, Duration.ZERO);
    }

    /** Processes the request (a duplicate is created), then drops the connection before answering. */
    public static Fault dropAfterProcessing() {
        return new Fault(Kind.DROP_AFTER_PROCESSING, null, Duration.ZERO);
    }

    /**
     * Processes the request (a duplicate is created), then answers with {@code answer} instead: a gateway that gave
     * up waiting for CertCentral, or a success whose body got lost on the way.
     */
    public static Fault afterProcessing(Fault answer) {
        if (answer.kind != Kind.RESPOND) {
            throw new IllegalArgumentException("only an answer can follow the processing");
        }
        return new Fault(Kind.RESPOND_AFTER_PROCESSING, answer.response, Duration.ZERO);
    }

    MockResponse dropped(MockResponse normal) {
        return normal.newBuilder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
    }
}
