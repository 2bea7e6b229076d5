package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import java.time.Duration;

/** The duplicate was not issued within the wait's timeout; it may still be issued later. */
public final class IssuanceTimeoutException extends DigicertException {

    private static final long serialVersionUID = 1L;

    IssuanceTimeoutException(long orderId, String requestId, Duration waited) {
        super("DigiCert did not issue the duplicate within " + Durations.human(waited) + ". Order " + orderId
                + ", request " + requestId + " is still pending: approve it in CertCentral (Requests page), then "
                + "download the certificate there, or raise the timeout. Running the build again requests "
                + "another duplicate.");
    }
}
