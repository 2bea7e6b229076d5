package io.jenkins.plugins.digicert.certcentral;

import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Everything about how the client talks to CertCentral, except the key. Immutable; change with {@code with*}. */
public final class ClientSettings {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;

    /**
     * Clients made from one base share its connection pool and threads; a client per build would leave a pool
     * of idle connections behind each build.
     */
    private static final OkHttpClient SHARED_BASE = new OkHttpClient();

    private final HttpUrl baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;
    private final RateLimiters rateLimiters;
    private final TimeSource time;
    private final DoubleSupplier random;
    private final Supplier<OkHttpClient.Builder> httpClientBuilder;

    private ClientSettings(
            HttpUrl baseUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Duration callTimeout,
            long maxResponseBytes,
            RetryPolicy retryPolicy,
            RateLimiters rateLimiters,
            TimeSource time,
            DoubleSupplier random,
            Supplier<OkHttpClient.Builder> httpClientBuilder) {
        this.baseUrl = Objects.requireNonNull(baseUrl);
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.readTimeout = positive(readTimeout, "readTimeout");
        this.callTimeout = positive(callTimeout, "callTimeout");
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
        this.maxResponseBytes = maxResponseBytes;
        this.retryPolicy = Objects.requireNonNull(retryPolicy);
        this.rateLimiters = Objects.requireNonNull(rateLimiters);
        this.time = Objects.requireNonNull(time);
        this.random = Objects.requireNonNull(random);
        this.httpClientBuilder = Objects.requireNonNull(httpClientBuilder);
    }

    /** US region, 10 s to connect, 60 s to read, 90 s per call, the JVM-wide rate limiter. */
    public static ClientSettings defaults() {
        return new ClientSettings(
                HttpUrl.get(Region.US.baseUrl()),
                Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS),
                Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS),
                Duration.ofSeconds(90),
                DEFAULT_MAX_RESPONSE_BYTES,
                RetryPolicy.DEFAULT,
                RateLimiters.SHARED,
                TimeSource.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble(),
                SHARED_BASE::newBuilder);
    }

    public ClientSettings withRegion(Region region) {
        return copy(HttpUrl.get(region.baseUrl()), connectTimeout, readTimeout, callTimeout, maxResponseBytes);
    }

    /** A custom base URL: https, or http to loopback only. */
    public ClientSettings withBaseUrl(String url) {
        return copy(BaseUrls.parse(url), connectTimeout, readTimeout, callTimeout, maxResponseBytes);
    }

    public ClientSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return copy(baseUrl, connect, read, call, maxResponseBytes);
    }

    public ClientSettings withMaxResponseBytes(long bytes) {
        return copy(baseUrl, connectTimeout, readTimeout, callTimeout, bytes);
    }

    public ClientSettings withRetryPolicy(RetryPolicy policy) {
        return new ClientSettings(
                baseUrl,
                connectTimeout,
                readTimeout,
                callTimeout,
                maxResponseBytes,
                policy,
                rateLimiters,
                time,
                random,
                httpClientBuilder);
    }

    public ClientSettings withRateLimiters(RateLimiters limiters) {
        return new ClientSettings(
                baseUrl,
                connectTimeout,
                readTimeout,
                callTimeout,
                maxResponseBytes,
                retryPolicy,
                limiters,
                time,
                random,
                httpClientBuilder);
    }

    public ClientSettings withTime(TimeSource timeSource, DoubleSupplier jitter) {
        return new ClientSettings(
                baseUrl,
                connectTimeout,
                readTimeout,
                callTimeout,
                maxResponseBytes,
                retryPolicy,
                rateLimiters,
                timeSource,
                jitter,
                httpClientBuilder);
    }

    /**
     * Where the OkHttp client starts from; in Jenkins a builder that knows the proxy settings. Timeouts are
     * set on top of it. Derive it from {@link #sharedHttpClient()} so that builds share connections.
     */
    public ClientSettings withHttpClientBuilder(Supplier<OkHttpClient.Builder> builder) {
        return new ClientSettings(
                baseUrl,
                connectTimeout,
                readTimeout,
                callTimeout,
                maxResponseBytes,
                retryPolicy,
                rateLimiters,
                time,
                random,
                builder);
    }

    private ClientSettings copy(HttpUrl url, Duration connect, Duration read, Duration call, long maxBytes) {
        return new ClientSettings(
                url, connect, read, call, maxBytes, retryPolicy, rateLimiters, time, random, httpClientBuilder);
    }

    /** The base client whose connection pool and dispatcher all clients made here share. */
    public static OkHttpClient sharedHttpClient() {
        return SHARED_BASE;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    RateLimiters rateLimiters() {
        return rateLimiters;
    }

    public TimeSource time() {
        return time;
    }

    DoubleSupplier random() {
        return random;
    }

    OkHttpClient newHttpClient() {
        return httpClientBuilder
                .get()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .followRedirects(false)
                // OkHttp would otherwise re-send a POST whose connection broke after it was sent, which could
                // create a second duplicate; the client and the workflow decide about every retry themselves.
                .retryOnConnectionFailure(false)
                .build();
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return duration;
    }

    @Override
    public String toString() {
        return "ClientSettings[" + baseUrl + ", connect=" + connectTimeout + ", read=" + readTimeout + ", call="
                + callTimeout + ", " + retryPolicy + "]";
    }
}
