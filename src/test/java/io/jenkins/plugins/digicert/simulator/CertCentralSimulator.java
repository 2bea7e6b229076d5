package io.jenkins.plugins.digicert.simulator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.digicert.certcentral.RateLimit;
import io.jenkins.plugins.digicert.pki.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * CertCentral's duplicate-related endpoints on a loopback {@link MockWebServer}, with a real test CA. It
 * checks every request as DigiCert documents it (method, path, headers, JSON body with no unknown fields)
 * and records what does not fit as a violation, which tests assert to be empty. Faults, issuance behaviour
 * and rate limits are set per test.
 */
public final class CertCentralSimulator implements AutoCloseable {

    public static final String API_KEY = "sim-key-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4";
    public static final String VIEW_ONLY_API_KEY = "sim-view-only-key-0b1c2d3e4f5a6b7c";
    public static final String BASE_PATH = "/services/v2/";
    private static final Duration MAX_VALIDITY = Duration.ofDays(397);
    private static final Set<String> DUPLICATE_FIELDS =
            Set.of("common_name", "dns_names", "csr", "server_platform", "signature_hash", "ca_cert_id");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT_JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MockWebServer server = new MockWebServer();
    private final TestCa ca;
    private final Map<Long, SimulatedOrder> orders = new ConcurrentHashMap<>();
    private final Map<Long, Duplicate> duplicatesByRequest = new LinkedHashMap<>();
    private final Map<Long, Duplicate> duplicatesByCertificate = new LinkedHashMap<>();
    private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile String extraKey;
    /** Guards the orders and duplicates: a private lock, not the simulator itself, which tests hold. */
    private final Object state = new Object();

    private final Map<String, List<Deque<Long>>> callTimesByKey = new ConcurrentHashMap<>();
    /** Per rejected call (method and path), when its first 429 was counted and how many it received. */
    private final Map<String, long[]> rejectedCalls = new ConcurrentHashMap<>();

    private final List<RejectionDelay> rejectionDelays = Collections.synchronizedList(new ArrayList<>());
    private volatile NetworkDelay networkDelay;
    private volatile List<RateLimit> rateLimits = List.of();
    private volatile Issuance issuance = Issuance.IMMEDIATE;
    private volatile boolean fourCertificateChainOutOfOrder;
    private volatile boolean crlfAndEscapedSlashes = true;
    private volatile boolean listingRepeatsEntries;
    private volatile boolean listingHidesPending;
    private volatile Duration listingLag = Duration.ZERO;
    private volatile Supplier<Instant> clock = Instant::now;
    private long nextId = 500_000;

    private CertCentralSimulator(TestCa ca) {
        this.ca = ca;
        for (Endpoint endpoint : Endpoint.values()) {
            faults.put(endpoint, new ArrayDeque<>());
            counts.put(endpoint, new AtomicInteger());
        }
    }

    public static CertCentralSimulator start() throws IOException {
        return start(new TestCa());
    }

    /** Starts on a loopback port with a given CA (benchmarks reuse one CA across runs). */
    public static CertCentralSimulator start(TestCa ca) throws IOException {
        CertCentralSimulator simulator = new CertCentralSimulator(ca);
        simulator.server.setDispatcher(simulator.new Handler());
        simulator.server.setServerSocketFactory(new NoDelayServerSocketFactory());
        simulator.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return simulator;
    }

    /** The base URL to configure in the client, ending in {@code /services/v2/}. */
    public String baseUrl() {
        return server.url(BASE_PATH).toString();
    }

    public TestCa ca() {
        return ca;
    }

    /** An order whose primary certificate secures {@code commonName} and {@code dnsNames}, valid 2 years. */
    public SimulatedOrder addOrder(long id, String productNameId, String commonName, String... dnsNames) {
        return addOrder(id, productNameId, LocalDate.now(ZoneOffset.UTC).plusYears(2), commonName, dnsNames);
    }

    public SimulatedOrder addOrder(
            long id, String productNameId, LocalDate validTill, String commonName, String... dnsNames) {
        List<String> names = new ArrayList<>();
        names.add(commonName);
        for (String name : dnsNames) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        SimulatedOrder order = new SimulatedOrder(id, productNameId, commonName, names, validTill);
        orders.put(id, order);
        return order;
    }

    public void setIssuance(Issuance issuance) {
        this.issuance = issuance;
    }

    /** Answers chains as leaf, intermediate, cross-signed root, old root, shuffled. */
    public void setFourCertificateChainOutOfOrder(boolean value) {
        this.fourCertificateChainOutOfOrder = value;
    }

    /** PEM lines end in CRLF and JSON escapes slashes, as in a recorded real response (on by default). */
    public void setCrlfAndEscapedSlashes(boolean value) {
        this.crlfAndEscapedSlashes = value;
    }

    /** The duplicate list repeats the order's primary certificate and each duplicate, as seen in the wild. */
    public void setListingRepeatsEntries(boolean value) {
        this.listingRepeatsEntries = value;
    }

    /** The duplicate list shows a duplicate only once it is decided, as some accounts may. */
    public void setListingHidesPending(boolean value) {
        this.listingHidesPending = value;
    }

    /**
     * The duplicate list shows a new duplicate only {@code lag} after it was made, as a list served from a replica or
     * a cache would; its request and the duplicate itself exist at once.
     */
    public void setListingLag(Duration lag) {
        this.listingLag = lag;
    }

    /**
     * CertCentral's clock: when duplicates and requests are made, the lag of the list, and every answer's
     * {@code Date} header. Tests hand in the clock the workflow waits on, so that a lag passes as the workflow sleeps.
     */
    public void setClock(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * A duplicate of the order made {@code created} with this CSR, already issued: what a team that keeps its key and
     * CSR finds in the list from its earlier builds.
     *
     * @return its certificate id
     */
    public long addEarlierDuplicate(long orderId, String csrPem, Instant created) {
        return addEarlierDuplicate(orderId, csrPem, created, created.plus(MAX_VALIDITY), "issued", null);
    }

    /**
     * The same with its end, its status ({@code issued}, {@code pending} or {@code rejected}: only an issued one has
     * a certificate) and its names (null: the order's).
     */
    public long addEarlierDuplicate(
            long orderId, String csrPem, Instant created, Instant notAfter, String status, List<String> names) {
        synchronized (state) {
            SimulatedOrder order = orders.get(orderId);
            PublicKey key = csrKey(csrPem);
            if (order == null || key == null) {
                throw new IllegalArgumentException("no such order, or not a CSR");
            }
            List<String> dnsNames = names == null ? order.dnsNames() : names;
            Duplicate duplicate =
                    new Duplicate(orderId, nextId++, nextId++, csrPem, key, dnsNames.get(0), dnsNames, created, true);
            if ("issued".equals(status)) {
                duplicate.leaf = ca.issue(key, duplicate.commonName, duplicate.dnsNames, created, notAfter);
            }
            duplicate.status = status;
            duplicatesByRequest.put(duplicate.requestId, duplicate);
            duplicatesByCertificate.put(duplicate.certificateId, duplicate);
            return duplicate.certificateId;
        }
    }

    /** The certificate id of the duplicate a request made, or -1: which entry a test expects to be delivered. */
    public long certificateIdOfRequest(long requestId) {
        synchronized (state) {
            Duplicate duplicate = duplicatesByRequest.get(requestId);
            return duplicate == null ? -1 : duplicate.certificateId;
        }
    }

    /** The certificate ids of the duplicates made by requests to this simulator (not those added as earlier). */
    public List<Long> requestedCertificateIds() {
        synchronized (state) {
            return duplicatesByRequest.values().stream()
                    .filter(d -> !d.earlier)
                    .map(d -> d.certificateId)
                    .toList();
        }
    }

    /** Enforce rate limits per API key, answering 429 request_limit_exceeded over them. */
    public void setRateLimits(List<RateLimit> limits) {
        this.rateLimits = List.copyOf(limits);
    }

    /**
     * Adds a travel time each way, drawn uniformly from {@code min} to {@code max} from a generator seeded with
     * {@code seed}: a request waits before it is counted and handled (its travel to CertCentral), an answer
     * before it is written (its travel back). Each connection has its own server thread, so calls in parallel
     * travel in parallel, as on a network.
     */
    public void setNetworkDelay(Duration min, Duration max, long seed) {
        this.networkDelay = new NetworkDelay(min.toNanos(), max.toNanos(), seed);
    }

    /**
     * For each call answered 429 and later admitted, the time from its first 429 to its admission, as counted
     * here, and the number of 429s it received on the way ({@link RejectionDelay}).
     */
    public List<RejectionDelay> rejectionDelays() {
        synchronized (rejectionDelays) {
            return List.copyOf(rejectionDelays);
        }
    }

    /** Accepts this key too, with full rights: for tests that try many keys. */
    public void acceptKey(String key) {
        this.extraKey = key;
    }

    public void clearFaults(Endpoint endpoint) {
        synchronized (faults) {
            faults.get(endpoint).clear();
        }
    }

    public void failNext(Endpoint endpoint, Fault fault) {
        synchronized (faults) {
            faults.get(endpoint).add(fault);
        }
    }

    public int requestCount() {
        return requests.size();
    }

    public int requestCount(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    public int rateLimitedCount() {
        return rateLimited.get();
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests that do not match CertCentral's documented API; a passing test expects none. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** The number of duplicates created across all orders. */
    public int duplicatesCreated() {
        synchronized (state) {
            return duplicatesByRequest.size();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** A call that was answered 429 {@code rejections} times and admitted {@code delay} after the first. */
    public record RejectionDelay(Duration delay, int rejections) {}

    private static final class NetworkDelay {
        private final long minNanos;
        private final long maxNanos;
        private final java.util.Random random;

        NetworkDelay(long minNanos, long maxNanos, long seed) {
            this.minNanos = minNanos;
            this.maxNanos = maxNanos;
            this.random = new java.util.Random(seed);
        }

        void travel() throws InterruptedException {
            long nanos;
            synchronized (random) {
                nanos = minNanos + (long) (random.nextDouble() * (maxNanos - minNanos));
            }
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /** An order of the simulated account. */
    public record SimulatedOrder(
            long id, String productNameId, String commonName, List<String> dnsNames, LocalDate validTill) {}

    private static final class Duplicate {
        final long orderId;
        final long requestId;
        final long certificateId;
        final String csrPem;
        final PublicKey key;
        final String commonName;
        final List<String> dnsNames;
        final Instant created;
        final boolean earlier;
        int polls;
        String status = "pending";
        X509Certificate leaf;

        /** @param earlier made before the test's requests, by {@link #addEarlierDuplicate} */
        Duplicate(
                long orderId,
                long requestId,
                long certificateId,
                String csrPem,
                PublicKey key,
                String commonName,
                List<String> dnsNames,
                Instant created,
                boolean earlier) {
            this.orderId = orderId;
            this.requestId = requestId;
            this.certificateId = certificateId;
            this.csrPem = csrPem;
            this.key = key;
            this.commonName = commonName;
            this.dnsNames = dnsNames;
            this.created = created;
            this.earlier = earlier;
        }
    }

    private final class Handler extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            NetworkDelay delay = networkDelay;
            if (delay == null) {
                return arrived(request);
            }
            delay.travel();
            MockResponse response = arrived(request);
            delay.travel();
            return response;
        }

        private MockResponse arrived(RecordedRequest request) throws InterruptedException {
            requests.add(request);
            String fullPath = request.getUrl().encodedPath();
            if (!fullPath.startsWith(BASE_PATH)) {
                return violation(request, "path outside " + BASE_PATH + ": " + fullPath);
            }
            String path = fullPath.substring(BASE_PATH.length());
            for (Endpoint endpoint : Endpoint.values()) {
                long id = endpoint.match(request.getMethod(), path);
                if (id >= 0) {
                    counts.get(endpoint).incrementAndGet();
                    return handle(endpoint, id, request);
                }
            }
            return violation(request, "no such CertCentral call: " + request.getMethod() + " " + path);
        }

        private MockResponse handle(Endpoint endpoint, long id, RecordedRequest request) throws InterruptedException {
            checkHeaders(endpoint, request);
            String key = request.getHeaders().get("X-DC-DEVKEY");
            String call = request.getMethod() + " " + request.getUrl().encodedPath();
            if (overRateLimit(key)) {
                rateLimited.incrementAndGet();
                rejectedCalls.merge(call, new long[] {System.nanoTime(), 1}, (first, again) -> {
                    first[1]++;
                    return first;
                });
                return Fault.rateLimited(null).response;
            }
            long[] rejected = rejectedCalls.remove(call);
            if (rejected != null) {
                rejectionDelays.add(
                        new RejectionDelay(Duration.ofNanos(System.nanoTime() - rejected[0]), (int) rejected[1]));
            }
            Fault fault;
            synchronized (faults) {
                fault = faults.get(endpoint).poll();
            }
            if (fault != null && fault.kind == Fault.Kind.RESPOND) {
                return fault.response;
            }
            if (fault != null && fault.kind == Fault.Kind.SLOW_THEN_NORMAL) {
                Thread.sleep(fault.delay.toMillis());
            }
            MockResponse normal = authorized(endpoint, key);
            if (normal == null) {
                normal = serve(endpoint, id, request);
            }
            if (fault != null && fault.kind == Fault.Kind.RESPOND_AFTER_PROCESSING) {
                return fault.response;
            }
            return fault != null && fault.kind == Fault.Kind.DROP_AFTER_PROCESSING ? fault.dropped(normal) : normal;
        }

        private void checkHeaders(Endpoint endpoint, RecordedRequest request) {
            String accept = request.getHeaders().get("Accept");
            if (!"application/json".equals(accept)) {
                violations.add(endpoint + ": Accept is " + accept);
            }
            String agent = request.getHeaders().get("User-Agent");
            if (agent == null || !agent.startsWith("digicert-duplicate-plugin/")) {
                violations.add(endpoint + ": User-Agent is " + agent);
            }
            if (request.getMethod().equals("POST")) {
                String type = request.getHeaders().get("Content-Type");
                if (type == null || !type.startsWith("application/json")) {
                    violations.add(endpoint + ": Content-Type is " + type);
                }
            } else if (request.getBodySize() > 0) {
                violations.add(endpoint + ": a GET with a body");
            }
        }

        private MockResponse authorized(Endpoint endpoint, String key) {
            if (API_KEY.equals(key) || (extraKey != null && extraKey.equals(key))) {
                return null;
            }
            if (VIEW_ONLY_API_KEY.equals(key)) {
                return endpoint == Endpoint.SUBMIT_DUPLICATE
                        ? error(403, "access_denied|missing_permission", "Access denied due to missing_permission.")
                        : null;
            }
            return error(
                    403, "access_denied|access_denied_invalid_key", "Access denied due to access_denied_invalid_key.");
        }

        private MockResponse serve(Endpoint endpoint, long id, RecordedRequest request) {
            synchronized (state) {
                return switch (endpoint) {
                    case SUBMIT_DUPLICATE -> submit(id, request);
                    case ORDER_DETAILS -> orderDetails(id);
                    case REQUEST_DETAILS -> requestDetails(id);
                    case LIST_DUPLICATES -> listDuplicates(id);
                    case DOWNLOAD_CERTIFICATE -> download(id);
                };
            }
        }

        private MockResponse submit(long orderId, RecordedRequest request) {
            SimulatedOrder order = orders.get(orderId);
            if (order == null) {
                return error(404, "not_found|order", "Order not found.");
            }
            JsonNode certificate;
            try {
                JsonNode body = STRICT_JSON.readTree(bodyOf(request));
                if (body == null || !body.isObject()) {
                    return violation(request, "duplicate body is not a JSON object");
                }
                body.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("certificate")) {
                        violations.add("SUBMIT_DUPLICATE: unknown top-level field " + name);
                    }
                });
                certificate = body.path("certificate");
            } catch (JacksonException e) {
                return violation(request, "duplicate body is not JSON: " + e.getOriginalMessage());
            }
            certificate.fieldNames().forEachRemaining(name -> {
                if (!DUPLICATE_FIELDS.contains(name)) {
                    violations.add("SUBMIT_DUPLICATE: unknown field certificate." + name);
                }
            });
            String commonName = certificate.path("common_name").asText("");
            String csr = certificate.path("csr").asText("");
            String hash = certificate.path("signature_hash").asText("");
            if (commonName.isEmpty() || csr.isEmpty() || hash.isEmpty()) {
                violations.add("SUBMIT_DUPLICATE: common_name, csr and signature_hash are required");
                return error(400, "bad_request_format", "Missing required field.");
            }
            if (commonName.length() > 64 || !commonName.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                // What the test CA could not put in a certificate; DigiCert refuses such a name too.
                return error(400, "invalid_common_name", "Invalid common name.");
            }
            if (!List.of("sha256", "sha384", "sha512").contains(hash)) {
                return error(400, "invalid_signature_hash", "Invalid signature hash.");
            }
            JsonNode platform = certificate.path("server_platform");
            if (!platform.isMissingNode() && !platform.path("id").isInt()) {
                violations.add("SUBMIT_DUPLICATE: server_platform.id must be an int");
            }
            JsonNode caCertId = certificate.path("ca_cert_id");
            if (!caCertId.isMissingNode() && !caCertId.isTextual()) {
                violations.add("SUBMIT_DUPLICATE: ca_cert_id must be a string");
            }
            List<String> dnsNames = new ArrayList<>();
            JsonNode names = certificate.path("dns_names");
            if (!names.isMissingNode()) {
                if (!names.isArray()) {
                    violations.add("SUBMIT_DUPLICATE: dns_names must be an array");
                } else {
                    names.forEach(n -> dnsNames.add(n.asText()));
                }
            }
            if (order.productNameId().contains("_dv")) {
                return error(400, "duplicate_not_allowed", "Duplicates are not allowed for this product.");
            }
            PublicKey key = csrKey(csr);
            if (key == null) {
                return error(400, "csr_invalid_cannot_parse", "Unable to parse the CSR.");
            }
            for (String name : dnsNames) {
                if (!order.dnsNames().contains(name) && !coveredByWildcard(name, order.dnsNames())) {
                    return error(400, "invalid_dns_name", "Names must match the original order.");
                }
            }
            Duplicate duplicate =
                    new Duplicate(orderId, nextId++, nextId++, csr, key, commonName, dnsNames, clock.get(), false);
            duplicatesByRequest.put(duplicate.requestId, duplicate);
            duplicatesByCertificate.put(duplicate.certificateId, duplicate);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", orderId);
            if (issuance.immediate()) {
                issue(duplicate);
                answer.put("requests", List.of(Map.of("id", duplicate.requestId, "status", "approved")));
                answer.put("certificate_id", duplicate.certificateId);
                List<Map<String, String>> chain = new ArrayList<>();
                for (X509Certificate certificate1 : chainOf(duplicate)) {
                    chain.add(
                            Map.of("subject_common_name", cn(certificate1), "pem", pem(Pem.certificate(certificate1))));
                }
                answer.put("certificate_chain", chain);
            } else {
                answer.put("requests", List.of(Map.of("id", duplicate.requestId)));
            }
            return json(201, answer);
        }

        private MockResponse orderDetails(long orderId) {
            SimulatedOrder order = orders.get(orderId);
            if (order == null) {
                return error(404, "not_found|order", "Order not found.");
            }
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("id", orderId + 1);
            certificate.put("common_name", order.commonName());
            certificate.put("dns_names", order.dnsNames());
            certificate.put("signature_hash", "sha256");
            certificate.put("server_platform", Map.of("id", -1, "name", "OTHER"));
            certificate.put("valid_till", order.validTill().toString());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", orderId);
            answer.put("status", "issued");
            answer.put("certificate", certificate);
            answer.put(
                    "product",
                    Map.of(
                            "name_id",
                            order.productNameId(),
                            "name",
                            "Simulated " + order.productNameId(),
                            "type",
                            "ssl_certificate"));
            return json(200, answer);
        }

        private MockResponse requestDetails(long requestId) {
            Duplicate duplicate = duplicatesByRequest.get(requestId);
            if (duplicate == null) {
                return error(404, "not_found|request", "Request not found.");
            }
            observe(duplicate);
            String status =
                    switch (duplicate.status) {
                        case "issued" -> "approved";
                        case "rejected" -> "rejected";
                        default -> "pending";
                    };
            return json(
                    200,
                    Map.of(
                            "id",
                            requestId,
                            "type",
                            "duplicate",
                            "status",
                            status,
                            "date",
                            dateTime(duplicate.created)));
        }

        private MockResponse listDuplicates(long orderId) {
            SimulatedOrder order = orders.get(orderId);
            if (order == null) {
                return error(404, "not_found|order", "Order not found.");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            if (listingRepeatsEntries) {
                Map<String, Object> primary = new LinkedHashMap<>();
                primary.put("id", orderId + 1);
                primary.put("serial_number", "0A1B2C3D4E5F");
                primary.put("common_name", order.commonName());
                primary.put("dns_names", order.dnsNames());
                primary.put("status", "issued");
                primary.put("date_created", "2025-01-01T00:00:00+00:00");
                primary.put(
                        "csr",
                        "-----BEGIN CERTIFICATE REQUEST-----\nTUlJQ3ByaW1hcnk=\n-----END CERTIFICATE REQUEST-----");
                items.add(primary);
            }
            Instant now = clock.get();
            for (Duplicate duplicate : duplicatesByRequest.values()) {
                if (duplicate.orderId == orderId) {
                    if (now.isBefore(duplicate.created.plus(listingLag))) {
                        continue;
                    }
                    observe(duplicate);
                    if (listingHidesPending && "pending".equals(duplicate.status)) {
                        continue;
                    }
                    Map<String, Object> item = item(duplicate);
                    items.add(item);
                    if (listingRepeatsEntries) {
                        items.add(item);
                    }
                }
            }
            return json(200, Map.of("certificates", items));
        }

        private Map<String, Object> item(Duplicate duplicate) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", duplicate.certificateId);
            item.put("common_name", duplicate.commonName);
            item.put("dns_names", duplicate.dnsNames);
            item.put("status", duplicate.status);
            item.put("date_created", dateTime(duplicate.created));
            item.put("csr", duplicate.csrPem);
            item.put("server_platform", Map.of("id", -1));
            item.put("signature_hash", "sha256");
            item.put("archived", "0");
            if (duplicate.leaf != null) {
                item.put(
                        "serial_number",
                        duplicate.leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
                item.put("thumbprint", thumbprint(duplicate.leaf));
                item.put(
                        "valid_from",
                        duplicate
                                .leaf
                                .getNotBefore()
                                .toInstant()
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString());
                item.put(
                        "valid_till",
                        duplicate
                                .leaf
                                .getNotAfter()
                                .toInstant()
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString());
            }
            return item;
        }

        private MockResponse download(long certificateId) {
            Duplicate duplicate = duplicatesByCertificate.get(certificateId);
            if (duplicate == null || duplicate.leaf == null) {
                return error(404, "not_found", "Certificate not found.");
            }
            StringBuilder text = new StringBuilder();
            for (X509Certificate certificate : chainOf(duplicate)) {
                text.append(Pem.certificate(certificate));
            }
            String body = crlfAndEscapedSlashes ? text.toString().replace("\n", "\r\n") : text.toString();
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Date", httpDate())
                    .addHeader("Content-Type", "application/x-pem-file")
                    .body(body)
                    .build();
        }

        /** Each look at a pending duplicate, by its request or in the list, is one poll towards its decision. */
        private void observe(Duplicate duplicate) {
            if (!"pending".equals(duplicate.status) || duplicate.earlier) { // an earlier one stays as it was added
                return;
            }
            duplicate.polls++;
            if (duplicate.polls >= issuance.pendingPolls()) {
                if (issuance.rejectAfterPolls()) {
                    duplicate.status = "rejected";
                } else {
                    issue(duplicate);
                }
            }
        }

        private void issue(Duplicate duplicate) {
            SimulatedOrder order = orders.get(duplicate.orderId);
            Instant now = Instant.now();
            Instant orderEnd = order.validTill().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant notAfter = now.plus(MAX_VALIDITY).isBefore(orderEnd) ? now.plus(MAX_VALIDITY) : orderEnd;
            duplicate.leaf = ca.issue(duplicate.key, duplicate.commonName, duplicate.dnsNames, now, notAfter);
            duplicate.status = "issued";
        }

        private List<X509Certificate> chainOf(Duplicate duplicate) {
            if (fourCertificateChainOutOfOrder) {
                return List.of(ca.issuing(), ca.oldRoot(), duplicate.leaf, ca.crossSignedRoot());
            }
            return List.of(duplicate.leaf, ca.issuing(), ca.root());
        }

        private String pem(String pem) {
            return crlfAndEscapedSlashes ? pem.replace("\n", "\r\n") : pem;
        }

        private boolean overRateLimit(String key) {
            List<RateLimit> limits = rateLimits;
            if (limits.isEmpty() || key == null) {
                return false;
            }
            List<Deque<Long>> windows = callTimesByKey.computeIfAbsent(key, k -> {
                List<Deque<Long>> list = new ArrayList<>();
                limits.forEach(l -> list.add(new ArrayDeque<>()));
                return list;
            });
            synchronized (windows) {
                long now = System.nanoTime();
                boolean over = false;
                for (int i = 0; i < limits.size(); i++) {
                    Deque<Long> times = windows.get(i);
                    long windowNanos = limits.get(i).window().toNanos();
                    while (!times.isEmpty() && times.peekFirst() <= now - windowNanos) {
                        times.pollFirst();
                    }
                    over |= times.size() >= limits.get(i).permits();
                }
                if (!over) {
                    windows.forEach(times -> times.addLast(now));
                }
                return over;
            }
        }

        private MockResponse violation(RecordedRequest request, String what) {
            violations.add(what);
            return error(404, "not_found|route", "Route not found: " + request.getRequestLine());
        }
    }

    private MockResponse json(int status, Object value) {
        try {
            String body = JSON.writeValueAsString(value);
            if (crlfAndEscapedSlashes) {
                body = body.replace("/", "\\/");
            }
            return new MockResponse.Builder()
                    .code(status)
                    .addHeader("Date", httpDate())
                    .addHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As CertCentral writes its dates: to the second, with the offset spelled out. */
    private static String dateTime(Instant at) {
        return DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    private String httpDate() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.get().atOffset(ZoneOffset.UTC));
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private static boolean coveredByWildcard(String name, List<String> orderNames) {
        int dot = name.indexOf('.');
        return dot > 0 && !name.startsWith("*") && orderNames.contains("*" + name.substring(dot));
    }

    private static String bodyOf(RecordedRequest request) {
        okio.ByteString body = request.getBody();
        return body == null ? "" : body.utf8();
    }

    private static MockResponse error(int status, String code, String message) {
        return Fault.error(status, code, message).response;
    }

    private static PublicKey csrKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS10CertificationRequest request)) {
                return null;
            }
            return new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            return null;
        }
    }

    private static String cn(X509Certificate certificate) {
        for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
