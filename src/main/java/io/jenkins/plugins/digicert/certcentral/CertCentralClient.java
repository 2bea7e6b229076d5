package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The CertCentral Services API calls a duplicate needs. Each call waits for the key's rate limiter, and calls
 * that failed for a passing reason are retried within the {@link RetryPolicy}: 429 always (CertCentral did
 * nothing), gateway and network errors only for GETs. A duplicate POST whose outcome is unknown is never
 * re-sent here; the caller looks for it first.
 */
public final class CertCentralClient {

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ApiKey key;
    private final ClientSettings settings;
    private final OkHttpClient http;
    private final RateLimiter limiter;
    private final Consumer<String> log;

    /**
     * @param log receives one line per retry, for the build console; never the key
     */
    public CertCentralClient(ApiKey key, ClientSettings settings, Consumer<String> log) {
        this.key = key;
        this.settings = settings;
        this.limiter = settings.rateLimiters().forKey(key);
        this.http = settings.newHttpClient()
                .newBuilder()
                .addNetworkInterceptor(this::whenAllowed)
                .build();
        this.log = log;
    }

    public DuplicateResponse submitDuplicate(long orderId, DuplicateRequestBody body)
            throws CertCentralException, InterruptedException {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("The duplicate request could not be written as JSON", e);
        }
        String path = "order/certificate/" + orderId + "/duplicate";
        return readJson(call("POST", path, RequestBody.create(json, JSON_TYPE)), DuplicateResponse.class, "POST", path);
    }

    public OrderDetails orderDetails(long orderId) throws CertCentralException, InterruptedException {
        String path = "order/certificate/" + orderId;
        return readJson(call("GET", path, null), OrderDetails.class, "GET", path);
    }

    public RequestDetails requestDetails(long requestId) throws CertCentralException, InterruptedException {
        String path = "request/" + requestId;
        return readJson(call("GET", path, null), RequestDetails.class, "GET", path);
    }

    public DuplicateListing listDuplicates(long orderId) throws CertCentralException, InterruptedException {
        String path = "order/certificate/" + orderId + "/duplicate";
        Answer answer = call("GET", path, null);
        return readJson(answer, DuplicateListing.class, "GET", path).servedAt(answer.date());
    }

    /** One certificate by its id, as PEM: leaf, intermediates and root ({@code pem_all}). */
    public String downloadPemAll(long certificateId) throws CertCentralException, InterruptedException {
        return call("GET", "certificate/" + certificateId + "/download/format/pem_all", null)
                .body();
    }

    /**
     * A successful answer: its status, its body (already cut to the size limit and cleared of the key) and its
     * {@code Date} header, CertCentral's clock.
     */
    private record Answer(int status, String body, Optional<Instant> date) {}

    private <T> T readJson(Answer answer, Class<T> type, String method, String path) throws CertCentralException {
        try {
            T value = JSON.readValue(answer.body(), type);
            if (value == null) {
                throw masked(
                        CertCentralException.unreadableSuccess(answer.status(), method, "/" + path, "(empty JSON)"));
            }
            return value;
        } catch (JacksonException e) {
            String what = answer.body().isBlank()
                    ? "(empty response body)"
                    : (e instanceof StreamReadException ? "(malformed JSON) " : "(JSON of an unexpected shape) ")
                            + ErrorBodyParser.shorten(answer.body());
            throw masked(CertCentralException.unreadableSuccess(answer.status(), method, "/" + path, what));
        }
    }

    private Answer call(String method, String path, RequestBody body)
            throws CertCentralException, InterruptedException {
        Request request = request(method, path, body);
        long started = settings.time().nanoTime();
        for (int attempt = 1; ; attempt++) {
            Attempt tried = send(request, method, path);
            if (tried.answer() != null) {
                return tried.answer();
            }
            Duration delay = retryDelay(method, tried, attempt, started);
            logRetry(method, path, tried.failure(), delay, attempt);
            settings.time().sleep(delay);
        }
    }

    private Request request(String method, String path, RequestBody body) {
        HttpUrl url = settings.baseUrl().resolve(path);
        if (url == null) {
            throw new IllegalArgumentException("Cannot build a URL for " + path);
        }
        return new Request.Builder()
                .url(url)
                .header("X-DC-DEVKEY", key.value())
                .header("Accept", "application/json")
                .header("User-Agent", UserAgent.VALUE)
                .method(method, body)
                .build();
    }

    /** One try: the answer, or the failure with the wait that the server or the limiter asks for. */
    private record Attempt(Answer answer, CertCentralException failure, Optional<Duration> suggestedDelay) {}

    private Attempt send(Request request, String method, String path)
            throws CertCentralException, InterruptedException {
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                return new Attempt(
                        new Answer(
                                response.code(),
                                readBody(response, method, path),
                                CertCentralDates.parseHttpDate(response.header("Date"))),
                        null,
                        Optional.empty());
            }
            CertCentralException failure = new CertCentralException(
                    response.code(),
                    method,
                    "/" + path,
                    masked(ErrorBodyParser.parse(redact(safeBody(response)))),
                    null);
            return new Attempt(null, failure, suggestedDelay(response));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted() || "interrupted".equals(e.getMessage())) {
                throw interrupted(e);
            }
            return new Attempt(null, networkFailure(method, path, e), Optional.empty());
        } catch (IOException e) {
            return new Attempt(null, networkFailure(method, path, e), Optional.empty());
        }
    }

    /**
     * The server's Retry-After; after a 429 everyone with this key pauses too: as long as Retry-After says, else
     * until a full window of this key has room again (the policy's first delay when none is full).
     */
    private Optional<Duration> suggestedDelay(Response response) {
        Optional<Duration> asked =
                RetryAfter.parse(response.header("Retry-After"), settings.time().now());
        if (response.code() != 429) {
            return asked;
        }
        RetryPolicy policy = settings.retryPolicy();
        if (asked.isPresent()) {
            limiter.pause(policy.honour(asked.get()));
            return asked;
        }
        Optional<Duration> untilFree = limiter.pauseUntilAWindowFrees();
        if (untilFree.isEmpty()) {
            limiter.pause(policy.initialDelay());
        }
        return untilFree;
    }

    /**
     * How long to wait before trying again: 429 always (CertCentral did nothing), gateway and network errors only
     * for GETs; the failure itself when it may not be retried or the retries would pass the policy's bounds.
     */
    private Duration retryDelay(String method, Attempt tried, int attempt, long started) throws CertCentralException {
        RetryPolicy policy = settings.retryPolicy();
        CertCentralException failure = tried.failure();
        boolean retryable = failure.status() == 429 || (method.equals("GET") && failure.outcomeUnknown());
        if (!retryable || attempt >= policy.maxAttempts()) {
            throw masked(failure);
        }
        Duration delay =
                tried.suggestedDelay().map(policy::honour).orElseGet(() -> policy.backoff(attempt, settings.random()));
        Duration spent = Duration.ofNanos(settings.time().nanoTime() - started);
        if (spent.plus(delay).compareTo(policy.maxTotal()) > 0) {
            throw masked(failure);
        }
        return delay;
    }

    private void logRetry(String method, String path, CertCentralException failure, Duration delay, int attempt) {
        log.accept(String.format(
                "CertCentral: %s; retrying %s %s in %.1f s (attempt %d of %d)",
                failure.status() == CertCentralException.NO_RESPONSE ? "no answer" : "HTTP " + failure.status(),
                method,
                "/" + path,
                delay.toMillis() / 1000.0,
                attempt + 1,
                settings.retryPolicy().maxAttempts()));
    }

    /**
     * Takes the rate limiter's permit once the connection is ready, right before the request is written, and
     * tells the limiter the round trip once the answer's headers are in: the time from booking to arrival at
     * CertCentral varies, and the limiter's margin follows how much.
     */
    private Response whenAllowed(okhttp3.Interceptor.Chain chain) throws IOException {
        long booked;
        try {
            booked = limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        Response response = chain.proceed(chain.request());
        limiter.observe(booked);
        return response;
    }

    private String readBody(Response response, String method, String path) throws CertCentralException, IOException {
        BufferedSource source = response.body().source();
        long max = settings.maxResponseBytes();
        if (source.request(max + 1)) {
            throw masked(CertCentralException.unreadableSuccess(
                    response.code(), method, "/" + path, "(the answer is larger than " + max + " bytes)"));
        }
        return redact(source.readString(StandardCharsets.UTF_8));
    }

    /** The error body, cut at 64 KiB: an error page says what it has to say in its first lines. */
    private static String safeBody(Response response) {
        try {
            BufferedSource source = response.body().source();
            source.request(64 * 1024);
            return source.getBuffer()
                    .clone()
                    .readString(Math.min(source.getBuffer().size(), 64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Whatever the server echoes, the key must not travel on into messages and logs: masked in the raw text here,
     * and again after decoding ({@link #masked}), since a parser turns an escaped echo back into the key.
     */
    private String redact(String text) {
        return key.mask(text);
    }

    /** The composed message too: it is what a build console finally shows. */
    private CertCentralException masked(CertCentralException failure) {
        failure.maskMessage(key::mask);
        return failure;
    }

    private List<ApiError> masked(List<ApiError> errors) {
        return errors.stream()
                .map(error -> new ApiError(key.mask(error.code()), key.mask(error.message())))
                .toList();
    }

    /**
     * The I/O failure's text, masked; the cause kept is a copy with the masked message and the original stack, as
     * an HTTP library's message may quote a header or a status line.
     */
    private CertCentralException networkFailure(String method, String path, IOException e) {
        String message = e.getMessage() == null ? null : redact(e.getMessage());
        String what = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        IOException cause = new IOException(what);
        cause.setStackTrace(e.getStackTrace());
        return new CertCentralException(
                CertCentralException.NO_RESPONSE, method, "/" + path, List.of(new ApiError("", what)), cause);
    }

    private static InterruptedException interrupted(InterruptedIOException cause) {
        Thread.interrupted(); // the InterruptedException now carries the interrupt
        InterruptedException interrupted = new InterruptedException("Interrupted while calling CertCentral");
        interrupted.setStackTrace(cause.getStackTrace());
        return interrupted;
    }

    @Override
    public String toString() {
        return "CertCentralClient[" + settings.baseUrl() + ", " + key + "]";
    }
}
