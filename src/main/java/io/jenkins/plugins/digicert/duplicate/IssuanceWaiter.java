package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.certcentral.RequestDetails;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Waits for a pending duplicate. It asks the request's status (small and authoritative for approval and
 * rejection) and, once approved, looks for the certificate in the order's duplicate list by CSR. Without a
 * request id it watches the list alone. Intervals grow per the {@link WaitPolicy}; a build abort interrupts
 * the sleep at once.
 */
final class IssuanceWaiter {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final CertCentralClient client;
    private final TimeSource time;
    private final ProgressLog log;

    IssuanceWaiter(CertCentralClient client, TimeSource time, ProgressLog log) {
        this.client = client;
        this.time = time;
        this.log = log;
    }

    private static String state(Submission submission, boolean knownRequest, boolean approved) {
        if (!knownRequest) {
            return "The duplicate is pending (its request id was lost with the unclear answer)";
        }
        return "Request " + submission.requestLabel() + (approved ? " is approved, not yet issued" : " is pending");
    }

    /** Returns the id of the issued certificate. */
    long await(long orderId, Submission submission, CertificateRequest csr, WaitPolicy policy)
            throws DigicertException, InterruptedException {
        Optional<Long> requestId = submission.requestIds().stream().findFirst();
        boolean approved = requestId.isEmpty();
        long started = time.nanoTime();
        long deadline = started + policy.timeout().toNanos();
        Duration interval = policy.firstInterval();
        while (true) {
            long remaining = deadline - time.nanoTime();
            if (remaining <= 0) {
                throw new IssuanceTimeoutException(orderId, submission.requestLabel(), policy.timeout());
            }
            Duration pause = Duration.ofNanos(Math.min(interval.toNanos(), remaining));
            log.line(state(submission, requestId.isPresent(), approved) + "; next check at "
                    + CLOCK.format(time.now().plus(pause)) + " (in " + Durations.human(pause) + ", waiting up to "
                    + Durations.human(policy.timeout()) + " in all)");
            time.sleep(pause);
            if (!approved) {
                RequestDetails details = client.requestDetails(requestId.get());
                if (details.rejected()) {
                    throw new DuplicateRejectedException(orderId, submission.requestLabel());
                }
                approved = details.approved();
            }
            if (approved) {
                Optional<DuplicateListing.Item> mine = DuplicateMatcher.find(client.listDuplicates(orderId), csr);
                if (mine.isPresent() && mine.get().rejected()) {
                    throw new DuplicateRejectedException(orderId, submission.requestLabel());
                }
                if (mine.isPresent() && mine.get().issued()) {
                    log.line("DigiCert issued the duplicate after "
                            + Durations.human(Duration.ofNanos(time.nanoTime() - started)) + " (certificate id "
                            + mine.get().id() + ")");
                    return mine.get().id();
                }
            }
            interval = policy.next(interval);
        }
    }
}
