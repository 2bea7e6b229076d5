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
 * Waits for a pending duplicate by watching the order's duplicate list, where this build's entry (found by its
 * CSR) carries both the status and, once issued, the certificate id: one call per check, the fewest the API
 * allows. Only while the entry is not listed yet does a check also ask the request's status, so that a
 * rejection is seen even then. Intervals grow per the {@link WaitPolicy}; a build abort interrupts the sleep
 * at once.
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

    /** Returns the id of the issued certificate. */
    long await(long orderId, Submission submission, CertificateRequest csr, WaitPolicy policy)
            throws DigicertException, InterruptedException {
        Optional<Long> requestId = submission.requestIds().stream().findFirst();
        long started = time.nanoTime();
        long deadline = started + policy.timeout().toNanos();
        Duration interval = policy.firstInterval();
        String state = requestId.isPresent()
                ? "Request " + submission.requestLabel() + " is pending"
                : "The duplicate is pending (its request id was lost with the unclear answer)";
        while (true) {
            long remaining = deadline - time.nanoTime();
            if (remaining <= 0) {
                throw new IssuanceTimeoutException(orderId, submission.requestLabel(), policy.timeout());
            }
            Duration pause = Duration.ofNanos(Math.min(interval.toNanos(), remaining));
            log.line(state + "; next check at " + CLOCK.format(time.now().plus(pause)) + " (in "
                    + Durations.human(pause) + ", waiting up to " + Durations.human(policy.timeout()) + " in all)");
            time.sleep(pause);
            Optional<DuplicateListing.Item> mine = CsrMatcher.find(client.listDuplicates(orderId), csr);
            if (mine.isPresent()) {
                if (mine.get().rejected()) {
                    throw new DuplicateRejectedException(orderId, submission.requestLabel());
                }
                if (mine.get().issued()) {
                    log.line("DigiCert issued the duplicate after "
                            + Durations.human(Duration.ofNanos(time.nanoTime() - started)) + " (certificate id "
                            + mine.get().id() + ")");
                    return mine.get().id();
                }
            } else if (requestId.isPresent()) {
                RequestDetails details = client.requestDetails(requestId.get());
                if (details.rejected()) {
                    throw new DuplicateRejectedException(orderId, submission.requestLabel());
                }
            }
            interval = policy.next(interval);
        }
    }
}
