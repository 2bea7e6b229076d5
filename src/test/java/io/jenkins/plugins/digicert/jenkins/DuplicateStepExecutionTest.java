package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CSR;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.DEFAULT_PATHS;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.ORDER_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.ExtensionList;
import hudson.model.RestartListener;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The {@code digicertDuplicate} step as a durable execution: it waits without a thread, survives a controller
 * restart, adopts its own request when retried, stops checking when aborted, collects an earlier build's request,
 * and does not hold up a safe restart between checks. Real Pipelines against the CertCentral simulator, which lives
 * in this class (not in Jenkins) so that it outlives a restart.
 */
@ExtendWith(SimulatorExtension.class)
class DuplicateStepExecutionTest {

    private static final List<String> DEFAULT_PATHS_SORTED = JenkinsTestSupport.sorted(DEFAULT_PATHS);
    /** The most any single wait in these tests may take: builds here finish in seconds. */
    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** The class whose code runs the step's phases: its frames on a thread mean a phase is running. */
    private static final String STEP_EXECUTION = DuplicateStepExecution.class.getName();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private CertCentralSimulator simulator;

    @BeforeEach
    void startSimulator(CertCentralSimulator simulator) {
        this.simulator = simulator;
        JenkinsTestSupport.addTheOrder(simulator);
    }

    @Test
    void pendingDuplicateIsCollectedAfterARestart() throws Throwable {
        restartWhilePending(
                "restart",
                onController("  def cert = " + step("").strip() + "\n" + "  echo \"status=${cert.status}\"\n"),
                (j, run) -> {});
    }

    /**
     * {@code nonresumable()} retries only steps that cannot resume after a restart; this one can, so the body runs
     * once and nothing is sent twice.
     */
    @Test
    void restartInsideRetryOnNonresumableNeedsNoRetry() throws Throwable {
        restartWhilePending(
                "nonresumable",
                onController("  retry(count: 2, conditions: [nonresumable()]) {\n"
                        + "    def cert = " + step("").strip() + "\n"
                        + "    echo \"status=${cert.status}\"\n"
                        + "  }\n"),
                (j, run) -> j.assertLogNotContains("Retrying", run));
    }

    @Test
    void retriedStepAdoptsTheRequestItAlreadySent() throws Throwable {
        sessions.then(j -> {
            configure(1, 1);
            simulator.setIssuance(Issuance.pendingThenIssued(1));
            // The first status check (after the look before sending) is refused: the first attempt fails after its
            // request was sent.
            simulator.failNext(Endpoint.LIST_DUPLICATES, Fault.normal());
            simulator.failNext(
                    Endpoint.LIST_DUPLICATES,
                    Fault.error(400, "simulated_check_failure", "The first status check is refused"));
            WorkflowJob job =
                    JenkinsTestSupport.pipeline(j, "retry", onController("  retry(2) {\n  " + step("") + "  }\n"));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("simulated_check_failure", run);
            j.assertLogContains("Retrying", run);
            j.assertLogContains("This build already requested a duplicate of order " + ORDER_ID, run);
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "the retry sent the request again");
            assertEquals(1, simulator.duplicatesCreated());
            // The look before sending, the refused check, then the retry's check that found it issued.
            assertEquals(3, simulator.requestCount(Endpoint.LIST_DUPLICATES));
            assertEquals(1, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
            assertEquals(DEFAULT_PATHS_SORTED, JenkinsTestSupport.artifactPaths(run));
            assertIssuedForTheCsr(run);
        });
    }

    @Test
    void abortWhilePendingStopsTheChecksAndWritesNothing() throws Throwable {
        sessions.then(j -> {
            configure(1, 1);
            simulator.setIssuance(Issuance.NEVER);
            WorkflowJob job = JenkinsTestSupport.pipeline(j, "abort", onController(step(", timeoutMinutes: 60")));

            WorkflowRun run = start(job);
            awaitLog(run, log -> log.contains("next check at"), "the first \"next check at\"");
            run.doStop();
            awaitCompletion(run);

            j.assertBuildStatus(Result.ABORTED, run);
            assertEquals(List.of(), JenkinsTestSupport.artifactPaths(run));
            assertFalse(
                    JenkinsTestSupport.workspace(j, job).child("digicert").exists(),
                    "nothing is written for an aborted build");
            assertEquals(1, simulator.duplicatesCreated());
            assertEquals(0, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));

            // A phase interrupted by the abort may still be inside a loopback call: let it end first.
            JenkinsTestSupport.awaitNoThreadIn(List.of(STEP_EXECUTION), LIMIT);
            int requests = simulator.requestCount();
            int checks = simulator.requestCount(Endpoint.LIST_DUPLICATES);
            // Checks are at most pollMaxSeconds apart: three of those and a second more, and none may come.
            Duration quiet = Duration.ofSeconds(
                            DigicertGlobalConfiguration.get().getPollMaxSeconds())
                    .multipliedBy(3)
                    .plusSeconds(1);
            long end = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() - end < 0) {
                assertEquals(requests, simulator.requestCount(), "CertCentral was called after the abort");
                Thread.sleep(100);
            }
            assertEquals(checks, simulator.requestCount(Endpoint.LIST_DUPLICATES), "a status check after the abort");
            assertEquals(
                    List.of(),
                    JenkinsTestSupport.threadsIn(List.of(STEP_EXECUTION)),
                    "a phase started after the abort");
        });
    }

    @Test
    void pendingRequestOfAnEarlierBuildIsCollectedByItsId() throws Throwable {
        sessions.then(j -> {
            configure(1, 1);
            simulator.setIssuance(Issuance.NEVER);
            WorkflowJob requester = JenkinsTestSupport.pipeline(
                    j,
                    "requester",
                    onController(
                            "  def cert = " + step(", waitForIssuance: false").strip() + "\n"
                                    + "  echo \"status=${cert.status}\"\n"
                                    + "  echo \"requestIds=${cert.requestIds}\"\n"));

            WorkflowRun first = j.buildAndAssertSuccess(requester);

            j.assertLogContains("status=pending", first);
            String log = JenkinsRule.getLog(first);
            Matcher ids = Pattern.compile("requestIds=\\[(\\d+)\\]").matcher(log);
            assertTrue(ids.find(), "one request id in the result:\n" + log);
            String requestId = ids.group(1);
            assertEquals(
                    List.of("digicert/duplicate.json"),
                    JenkinsTestSupport.artifactPaths(first),
                    "a pending duplicate's summary");
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
            assertEquals(1, simulator.requestCount(Endpoint.LIST_DUPLICATES), "the first build did not wait: no check");

            // An approver acts: the third look finds it issued (the collecting build asks for the request, for its
            // date, and looks in the list: both still pending; its first check finds it issued).
            simulator.setIssuance(Issuance.pendingThenIssued(3));
            WorkflowJob collector =
                    JenkinsTestSupport.pipeline(j, "collector", onController(step(", requestId: '" + requestId + "'")));

            WorkflowRun second = j.buildAndAssertSuccess(collector);

            j.assertLogContains(
                    "Collecting request " + requestId + " of order " + ORDER_ID + "; no new request is sent", second);
            j.assertLogContains("DigiCert issued the duplicate after", second);
            assertEquals(DEFAULT_PATHS_SORTED, JenkinsTestSupport.artifactPaths(second));
            assertIssuedForTheCsr(second);
            assertEquals(1, simulator.duplicatesCreated());
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "the collecting build sent a request");
            // The first build's look before sending; the collecting build's look (still pending), then the check
            // that found it issued.
            assertEquals(1 + 2, simulator.requestCount(Endpoint.LIST_DUPLICATES));
            assertEquals(1, simulator.requestCount(Endpoint.REQUEST_DETAILS));
            assertEquals(1, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
        });
    }

    @Test
    void waitingBetweenChecksDoesNotBlockASafeRestart() throws Throwable {
        sessions.then(j -> {
            // A minute between checks: nothing runs while the test looks.
            configure(60, 60);
            simulator.setIssuance(Issuance.NEVER);
            WorkflowJob job = JenkinsTestSupport.pipeline(j, "quiet", onController(step("")));

            WorkflowRun run = start(job);
            awaitLog(run, log -> log.contains("next check at"), "the first \"next check at\"");
            DuplicateStepExecution execution = awaitWaitingStep(run);

            assertFalse(execution.blocksRestart());
            String status = execution.getStatus();
            assertNotNull(status);
            assertTrue(status.contains("is pending; next check at"), status);
            // What a safe restart asks: every busy executor (here the build's and its node block's) says go.
            RestartListener.Default executors = ExtensionList.lookupSingleton(RestartListener.Default.class);
            awaitCondition(executors::isReadyToRestart, "the executors to be ready for a restart");
            assertTrue(run.isBuilding(), "the build is still waiting");
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
            assertEquals(
                    1, simulator.requestCount(Endpoint.LIST_DUPLICATES), "only the look before sending: no check yet");

            run.doStop();
            awaitCompletion(run);
            j.assertBuildStatus(Result.ABORTED, run);
        });
    }

    /**
     * Session 1 starts the job and leaves it waiting between checks; session 2 lets the next check find it issued and
     * expects the build to finish from where it was, with the one request of session 1.
     */
    private void restartWhilePending(String name, String script, RunCheck more) throws Throwable {
        sessions.then(j -> {
            // Saved to JENKINS_HOME: the credential and the configuration are there again after the restart.
            configure(5, 5);
            simulator.setIssuance(Issuance.NEVER);
            WorkflowJob job = JenkinsTestSupport.pipeline(j, name, script);
            WorkflowRun run = start(job);
            awaitLog(run, log -> log.contains("next check at"), "the first \"next check at\"");
            // The phase has ended and its state is saved: the restart finds the step waiting, not sending.
            awaitWaitingStep(run);
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE));
        });
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.getItemByFullName(name, WorkflowJob.class);
            assertNotNull(job, "the job is there after the restart");
            WorkflowRun run = job.getBuildByNumber(1);
            assertNotNull(run, "the build is there after the restart");
            awaitLog(
                    run,
                    log -> log.contains("DigiCert: resumed after a restart; request ")
                            && log.substring(log.indexOf("DigiCert: resumed after a restart"))
                                    .contains("next check at"),
                    "a check after the restart");
            // The approver acts now: the next check finds the duplicate issued.
            simulator.setIssuance(Issuance.IMMEDIATE);
            awaitCompletion(run);

            j.assertBuildStatusSuccess(run);
            j.assertLogContains("DigiCert issued the duplicate after", run);
            j.assertLogContains("status=issued", run);
            j.assertLogNotContains("Jenkins restarted while the duplicate request was being sent", run);
            assertEquals(DEFAULT_PATHS_SORTED, JenkinsTestSupport.artifactPaths(run));
            assertIssuedForTheCsr(run);
            assertEquals(1, simulator.duplicatesCreated());
            assertEquals(1, simulator.requestCount(Endpoint.SUBMIT_DUPLICATE), "the request was sent again");
            // The check after the restart that still found it pending, then the one that found it issued.
            assertTrue(simulator.requestCount(Endpoint.LIST_DUPLICATES) >= 2, "status checks after the restart");
            assertEquals(1, simulator.requestCount(Endpoint.DOWNLOAD_CERTIFICATE));
            more.check(j, run);
        });
    }

    /** More assertions on a finished build, made while its Jenkins still runs. */
    @FunctionalInterface
    private interface RunCheck {
        void check(JenkinsRule j, WorkflowRun run) throws Exception;
    }

    /** The key as a system credential, the simulator as the custom region, and these check intervals. */
    private void configure(int pollFirstSeconds, int pollMaxSeconds) throws IOException {
        JenkinsTestSupport.useSimulatorWithKey(simulator, CertCentralSimulator.API_KEY);
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setPollFirstSeconds(pollFirstSeconds);
        config.setPollMaxSeconds(pollMaxSeconds);
    }

    private static String onController(String body) {
        return JenkinsTestSupport.onController(CSR, body);
    }

    private static String step(String moreArguments) {
        return JenkinsTestSupport.step(CREDENTIALS_ID, ORDER_ID, moreArguments);
    }

    private static WorkflowRun start(WorkflowJob job) throws Exception {
        QueueTaskFuture<WorkflowRun> future = job.scheduleBuild2(0);
        assertNotNull(future, "the build was scheduled");
        return future.waitForStart();
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls every 100 ms until the condition holds; fails after {@link #LIMIT}. */
    private static void awaitCondition(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up after " + LIMIT + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the build's log satisfies the condition; fails early if the build ends without it. */
    private static void awaitLog(WorkflowRun run, Predicate<String> condition, String what) throws Exception {
        awaitCondition(
                () -> {
                    boolean building = run.isBuilding();
                    String log = JenkinsRule.getLog(run);
                    if (condition.test(log)) {
                        return true;
                    }
                    if (!building) {
                        fail("the build ended (" + run.getResult() + ") without " + what + ":\n" + log);
                    }
                    return false;
                },
                what + " in the log of " + run);
    }

    private static void awaitCompletion(WorkflowRun run) throws Exception {
        awaitCondition(() -> !run.isBuilding(), "the end of " + run);
    }

    /**
     * The build's {@code digicertDuplicate} execution once it waits for its next check: no phase running (so it does
     * not block a restart) and the check scheduled.
     */
    private static DuplicateStepExecution awaitWaitingStep(WorkflowRun run) throws Exception {
        List<DuplicateStepExecution> found = new ArrayList<>();
        awaitCondition(
                () -> {
                    found.clear();
                    FlowExecution execution = run.getExecution();
                    if (execution == null) {
                        return false;
                    }
                    Future<List<StepExecution>> current = execution.getCurrentExecutions(false);
                    for (StepExecution step : current.get(10, TimeUnit.SECONDS)) {
                        if (step instanceof DuplicateStepExecution duplicate) {
                            String status = duplicate.getStatus();
                            if (!duplicate.blocksRestart() && status != null && status.contains("next check at")) {
                                found.add(duplicate);
                            }
                        }
                    }
                    return found.size() == 1;
                },
                "the digicertDuplicate step of " + run + " to wait for its next check");
        return found.get(0);
    }

    /** The live threads with a frame of this class on their stack. */

    /** The archived certificate.pem is one certificate, for the CSR's key. */
    private static void assertIssuedForTheCsr(Run<?, ?> run) throws Exception {
        byte[] pem;
        try (InputStream in = run.getArtifactManager()
                .root()
                .child("digicert/certificate.pem")
                .open()) {
            pem = in.readAllBytes();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        factory.generateCertificates(new ByteArrayInputStream(pem))
                .forEach(certificate -> certificates.add((X509Certificate) certificate));
        assertEquals(1, certificates.size(), "certificate.pem holds the leaf only");
        assertArrayEquals(
                CSR.keys().getPublic().getEncoded(),
                certificates.get(0).getPublicKey().getEncoded(),
                "the certificate is for the CSR's key");
    }
}
