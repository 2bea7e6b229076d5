package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecord;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The {@code digicertDuplicate} step, waiting without holding a thread: each phase (send, one status check, the
 * files) runs on a pool thread and ends; between checks only a timer is scheduled, so a safe restart is not held
 * up. What it needs to go on is in its fields, which Pipeline keeps with the build: after a restart
 * {@link #onResume} schedules the next check again. The build's {@link DuplicateRecordsAction} keeps the same
 * record, so a retried step adopts the request instead of sending another.
 */
@SuppressFBWarnings(
        value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "the running task, the timer and the flags belong to one JVM; onResume starts anew")
final class DuplicateStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    /** Only start() reads them; a record class is kept out of the Pipeline's program state. */
    private final transient StepParameters parameters;

    private final String credentialsId;
    /** The Secret text with the password of keystore.p12, or null: an ID, nothing secret. */
    private final String keystoreCredentialsId;

    private final boolean archive;
    /** Checked by the first phase; where the files go. */
    private volatile String outputDir;
    /** Null until the request is sent or adopted; then what a resumed step goes on with. */
    private volatile DuplicateRecord record;

    private transient volatile Future<?> work;
    private transient volatile ScheduledFuture<?> nextCheck;
    private transient volatile boolean stopped;
    private transient volatile boolean working;
    private transient int agentWaits;

    private static final int AGENT_WAIT_SECONDS = 15;
    private static final int MAX_AGENT_WAITS = 40;

    DuplicateStepExecution(
            StepContext context,
            String credentialsId,
            String keystoreCredentialsId,
            StepParameters parameters,
            boolean archive) {
        super(context);
        this.credentialsId = credentialsId;
        this.keystoreCredentialsId = keystoreCredentialsId;
        this.parameters = parameters;
        this.archive = archive;
    }

    @Override
    public boolean start() {
        inBackground(() -> {
            DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
            Run<?, ?> run = context(Run.class);
            FilePath workspace = context(FilePath.class);
            continueWith(Duplicator.begin(
                    parameters,
                    config.waitDefaults(),
                    DuplicateExecution.clientSettings(config),
                    () -> DuplicateExecution.apiKey(credentialsId, keystoreCredentialsId, run),
                    DuplicateExecution.csrSource(workspace),
                    DuplicateRecordsAction.of(run),
                    console()::println,
                    dir -> outputDir = dir));
        });
        return false;
    }

    /** After a restart: go on from the record, or say why this step cannot. */
    @Override
    public void onResume() {
        DuplicateRecord current = latest(record);
        record = current;
        if (current == null || current.status() == DuplicateRecord.Status.SUBMITTING) {
            getContext()
                    .onFailure(new AbortException("Jenkins restarted while the duplicate request was being sent. Run "
                            + "the step again (a plain retry around it does): it finds this build's request in the "
                            + "order's duplicate list and does not send a second one."));
            return;
        }
        console()
                .println("DigiCert: resumed after a restart; request " + current.requestLabel() + " of order "
                        + current.orderId() + " is " + current.status().name().toLowerCase(java.util.Locale.ROOT));
        schedule(current.nextCheck());
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        stopped = true;
        ScheduledFuture<?> scheduled = nextCheck;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        Future<?> running = work;
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }

    /** Only while a phase talks to CertCentral or writes the files; never between checks. */
    @Override
    public boolean blocksRestart() {
        return working;
    }

    @CheckForNull
    @Override
    public String getStatus() {
        DuplicateRecord current = record;
        if (working) {
            return "talking to DigiCert CertCentral";
        }
        if (current == null) {
            return "starting";
        }
        return "request " + current.requestLabel() + " of order " + current.orderId() + " is "
                + current.status().name().toLowerCase(java.util.Locale.ROOT) + "; next check at "
                + current.nextCheck();
    }

    private void continueWith(Duplicator.Stage stage) throws Exception {
        record = stage.record();
        // The fields changed after the step started: have Pipeline write them where a restart reads them.
        getContext().saveState();
        if (stage.outcome().isPresent()) {
            finish(stage.outcome().get());
        } else {
            schedule(stage.record().nextCheck());
        }
    }

    private void checkOnce() throws Exception {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        Run<?, ?> run = context(Run.class);
        continueWith(Duplicator.check(
                record,
                outputDir,
                DuplicateExecution.clientSettings(config),
                () -> DuplicateExecution.apiKey(credentialsId, null, run),
                DuplicateRecordsAction.of(run),
                console()::println));
    }

    private void finish(DuplicateOutcome outcome) throws Exception {
        FilePath workspace = getContext().get(FilePath.class);
        Launcher launcher = getContext().get(Launcher.class);
        if (workspace == null || launcher == null) {
            awaitAgent(outcome);
            return;
        }
        Map<String, Object> result = DuplicateExecution.deliver(
                outcome, archive, keystoreCredentialsId, context(Run.class), workspace, launcher, listener());
        getContext().onSuccess(result);
    }

    /**
     * After a restart the node block gives its workspace back only once its agent is connected again: the issued
     * duplicate waits for it (in memory; after another restart the next check finds it issued and comes here again).
     */
    private void awaitAgent(DuplicateOutcome outcome) {
        if (++agentWaits > MAX_AGENT_WAITS) {
            fail(new AbortException("DigiCert issued the duplicate (certificate id "
                    + outcome.result().certificateId() + "), but the agent of this node block did not come back "
                    + "within " + MAX_AGENT_WAITS * AGENT_WAIT_SECONDS / 60 + " minutes to receive the files. Run "
                    + "the step again: it finds the issued duplicate and sends no new request."));
            return;
        }
        if (agentWaits == 1) {
            console().println("DigiCert: the duplicate is issued; waiting for this node block's agent to reconnect");
        }
        if (!stopped) {
            nextCheck = Timer.get()
                    .schedule(() -> inBackground(() -> finish(outcome)), AGENT_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void schedule(Instant at) {
        if (stopped) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        nextCheck = Timer.get().schedule(() -> inBackground(this::checkOnce), delay, TimeUnit.MILLISECONDS);
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** A phase on a pool thread: CertCentral calls and agent I/O must not run on the Pipeline's own thread. */
    private void inBackground(Phase phase) {
        if (stopped) {
            return;
        }
        working = true;
        work = Computer.threadPoolForRemoting.submit(() -> {
            try {
                phase.run();
            } catch (DigicertException e) {
                fail(new AbortException(e.getMessage()));
            } catch (Throwable t) {
                fail(t);
            } finally {
                working = false;
            }
        });
    }

    private void fail(Throwable failure) {
        if (!stopped) {
            getContext().onFailure(failure);
        }
    }

    /** The build's copy of the record when it is newer: saved with the build after every change. */
    @CheckForNull
    private DuplicateRecord latest(@CheckForNull DuplicateRecord mine) {
        if (mine == null) {
            return null;
        }
        try {
            Run<?, ?> run = context(Run.class);
            return DuplicateRecordsAction.of(run).all().stream()
                    .filter(mine::equals)
                    .findFirst()
                    .orElse(mine);
        } catch (Exception e) {
            return mine;
        }
    }

    private <T> T context(Class<T> type) throws Exception {
        T value = getContext().get(type);
        if (value == null) {
            throw new AbortException(
                    "digicertDuplicate needs a " + type.getSimpleName() + "; run it inside a node block.");
        }
        return value;
    }

    private TaskListener listener() throws Exception {
        return context(TaskListener.class);
    }

    private java.io.PrintStream console() {
        try {
            return listener().getLogger();
        } catch (Exception e) {
            return TaskListener.NULL.getLogger();
        }
    }
}
