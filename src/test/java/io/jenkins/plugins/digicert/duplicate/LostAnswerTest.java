package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The answer to the duplicate request is lost, the order's list shows new entries late, and the list already holds
 * duplicates made earlier with the same CSR: one duplicate is made, and the certificate delivered is the one this
 * request produced.
 */
@ExtendWith(SimulatorExtension.class)
class LostAnswerTest {

    private static final long ORDER = 1234567;
    private static final TestCsrs.TestCsr CSR = TestCsrs.rsa("example.com", "example.com", "www.example.com");

    private CertCentralSimulator simulator;
    private final ManualTime time = new ManualTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start(CertCentralSimulator simulator) {
        this.simulator = simulator;
        simulator.addOrder(ORDER, "ssl_plus", "example.com", "www.example.com");
        simulator.setClock(time::now);
    }

    private DuplicateWorkflow workflow() {
        ClientSettings settings = ClientSettings.defaults()
                .withBaseUrl(simulator.baseUrl())
                .withRateLimiters(RateLimiters.unlimited())
                .withTime(time, () -> 0.5);
        return new DuplicateWorkflow(
                new CertCentralClient(ApiKey.of(CertCentralSimulator.API_KEY), settings, log::add), time, log::add);
    }

    private static CertificateRequest csr() throws DigicertException {
        return CsrParser.parse(CSR.bytes());
    }

    private static DuplicateOptions options() throws InvalidInputException {
        return DuplicateOptions.builder(String.valueOf(ORDER)).build();
    }

    /** A later build that collects a request by its id. */
    private DuplicateOutcome collect(String requestId) throws Exception {
        return workflow()
                .run(
                        DuplicateOptions.builder(String.valueOf(ORDER))
                                .requestId(requestId)
                                .build(),
                        csr(),
                        DuplicateRecords.inMemory());
    }

    private long earlierDuplicate(Duration ago) {
        return simulator.addEarlierDuplicate(ORDER, CSR.pem(), time.now().minus(ago));
    }

    /** The one duplicate a request made; fails if there is none or more than one. */
    private long theRequestedDuplicate() {
        List<Long> made = simulator.requestedCertificateIds();
        assertEquals(1, made.size(), "duplicates made by requests: " + made);
        return made.get(0);
    }

    static Stream<Arguments> ambiguousAnswers() {
        return Stream.of(
                Arguments.of("connection dropped", Fault.dropAfterProcessing()),
                Arguments.of("502 page from a proxy", Fault.afterProcessing(Fault.htmlPage(502))),
                Arguments.of("503 page from a proxy", Fault.afterProcessing(Fault.htmlPage(503))),
                Arguments.of("unreadable 201", Fault.afterProcessing(Fault.json(201, "<html>Created</html>"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousAnswers")
    void anAmbiguousAnswerIsFollowedToThisRequestsEntryNotAnEarlierOne(String answer, Fault fault) throws Exception {
        long earlier = earlierDuplicate(Duration.ofDays(30));
        simulator.setListingLag(Duration.ofSeconds(5));
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, fault);

        DuplicateOutcome outcome = workflow().run(options(), csr(), DuplicateRecords.inMemory());

        long mine = theRequestedDuplicate();
        assertTrue(mine != earlier);
        assertEquals(mine, outcome.result().certificateId(), log::toString);
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        // before sending; after the answer at 0 s, 2 s and 5 s, when the lag is over
        assertEquals(4, simulator.requestCount(Endpoint.LIST_DUPLICATES));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), time.sleeps());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("No clear answer to the duplicate request")), log::toString);
    }

    @Test
    void anEarlierEntryTheListDidNotShowYetIsNotTakenEither() throws Exception {
        // Made 4 s before this build's request, by another build: still hidden by the lag when the list is read.
        long earlier = earlierDuplicate(Duration.ofSeconds(4));
        simulator.setListingLag(Duration.ofSeconds(5));
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());

        DuplicateOutcome outcome = workflow().run(options(), csr(), DuplicateRecords.inMemory());

        assertEquals(theRequestedDuplicate(), outcome.result().certificateId());
        assertTrue(outcome.result().certificateId() != earlier);
    }

    @Test
    void aPendingRequestIsNotTakenForAnEarlierIssuedEntryWithTheSameCsr() throws Exception {
        long earlier = earlierDuplicate(Duration.ofDays(1));
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        simulator.setListingLag(Duration.ofSeconds(30));

        DuplicateOutcome outcome = workflow().run(options(), csr(), DuplicateRecords.inMemory());

        assertEquals(theRequestedDuplicate(), outcome.result().certificateId());
        assertTrue(outcome.result().certificateId() != earlier);
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void aRequestThatNeverArrivedIsNotSentAgainButReportedAndARetrySendsIt() throws Exception {
        simulator.setListingLag(Duration.ofSeconds(10));
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.htmlPage(503)); // answered before DigiCert saw it
        DuplicateRecords records = DuplicateRecords.inMemory();

        RequestUnconfirmedException lost =
                assertThrows(RequestUnconfirmedException.class, () -> workflow().run(options(), csr(), records));

        assertEquals(0, simulator.duplicatesCreated());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                lost.getMessage()
                        .startsWith("DigiCert may have received the duplicate request for order 1234567 sent at "
                                + "12:00:00 UTC: its answer was lost (HTTP 503), and the order's duplicate list did "
                                + "not show it within 2 min. Nothing more was sent"),
                lost.getMessage());
        assertEquals(Duration.ofMinutes(2), time.elapsed());
        // looks at 0, 2, 5, 9.5, 16.25, 26.4, 41.6, 61.6, 81.6, 101.6 s and at 2 min, after the one before sending
        assertEquals(1 + 11, simulator.requestCount(Endpoint.LIST_DUPLICATES));

        // A retry in the same build: the 2 minutes are over, one more look, then the request goes out again.
        DuplicateOutcome outcome = workflow().run(options(), csr(), records);

        assertEquals(DuplicateResult.ISSUED, outcome.result().status());
        assertEquals(theRequestedDuplicate(), outcome.result().certificateId());
        assertEquals(2, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("It is not in the order's duplicates, 2 min and more after")),
                log::toString);
    }

    @Test
    void aRetryRightAfterALostAnswerWaitsOutTheSearchBeforeSendingSoTheLateEntryIsFound() throws Exception {
        // The list lags 90 s: the step gives up looking after a 1-minute timeout, the retry looks until 2 min.
        simulator.setListingLag(Duration.ofSeconds(90));
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.dropAfterProcessing());
        DuplicateRecords records = DuplicateRecords.inMemory();
        DuplicateOptions oneMinute = DuplicateOptions.builder(String.valueOf(ORDER))
                .waitPolicy(WaitPolicy.of(true, Duration.ofMinutes(1)))
                .build();

        assertThrows(RequestUnconfirmedException.class, () -> workflow().run(oneMinute, csr(), records));
        DuplicateOutcome outcome = workflow().run(options(), csr(), records);

        assertEquals(theRequestedDuplicate(), outcome.result().certificateId());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "never sent twice");
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("It may have reached DigiCert: looking for it")),
                log::toString);
    }

    @Test
    void aClearRefusalIsSentAgainByARetryWithoutWaiting() throws Exception {
        simulator.failNext(Endpoint.SUBMIT_DUPLICATE, Fault.error(400, "bad_request_format", "Bad."));
        DuplicateRecords records = DuplicateRecords.inMemory();
        assertThrows(DigicertException.class, () -> workflow().run(options(), csr(), records));

        DuplicateOutcome outcome = workflow().run(options(), csr(), records);

        assertEquals(theRequestedDuplicate(), outcome.result().certificateId());
        assertEquals(List.of(), time.sleeps(), "a refusal made nothing: nothing to wait for");
    }

    @Test
    void collectingARequestIdFindsThatRequestsEntryAmongSeveralWithTheSameCsr() throws Exception {
        earlierDuplicate(Duration.ofDays(60));
        simulator.setIssuance(Issuance.pendingThenIssued(1));
        DuplicateOutcome pending = workflow()
                .run(
                        DuplicateOptions.builder(String.valueOf(ORDER))
                                .waitPolicy(WaitPolicy.NO_WAIT)
                                .build(),
                        csr(),
                        DuplicateRecords.inMemory());
        long requestId = pending.result().requestIds().get(0);
        long mine = theRequestedDuplicate();
        time.advance(Duration.ofHours(1));
        earlierDuplicate(Duration.ZERO); // a later build's duplicate with the same CSR, newer than the request's

        DuplicateOutcome collected = collect(String.valueOf(requestId));

        assertEquals(mine, collected.result().certificateId());
        assertEquals(List.of(requestId), collected.result().requestIds());
        assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
    }

    @Test
    void collectingWhenTheRequestHasNoDateAndSeveralEntriesShareTheCsrFailsClearly() throws Exception {
        long first = earlierDuplicate(Duration.ofDays(60));
        long second = earlierDuplicate(Duration.ofDays(2));
        simulator.failNext(
                Endpoint.REQUEST_DETAILS,
                Fault.json(200, "{\"id\":500077,\"type\":\"duplicate\",\"status\":\"pending\"}"));

        DigicertException e = assertThrows(DigicertException.class, () -> collect("500077"));

        assertEquals(
                "Order 1234567 has 2 duplicates made with this CSR (certificate ids [" + first + ", " + second
                        + "]), and CertCentral's answer for request 500077 does not say when it was made, so which "
                        + "one is its own cannot be told. Download it in CertCentral (the order's duplicates), or "
                        + "request a new duplicate with a new key.",
                e.getMessage());
        assertEquals(0, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
    }

    @Test
    void aRequestIdOfAnotherKindOfRequestIsRefused() throws Exception {
        simulator.failNext(
                Endpoint.REQUEST_DETAILS,
                Fault.json(200, "{\"id\":500077,\"type\":\"reissue\",\"status\":\"approved\"}"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> collect("500077"));

        assertTrue(e.getMessage().startsWith("Request 500077 is a 'reissue' request, not a duplicate"), e.getMessage());
        assertEquals(0, simulator.requestCount(Endpoint.LIST_DUPLICATES));
    }
}
