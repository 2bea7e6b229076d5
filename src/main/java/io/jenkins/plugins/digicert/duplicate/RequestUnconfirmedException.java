package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;

/**
 * The answer to the duplicate request was lost, and the order's duplicate list did not show the request in the time
 * it was looked for. It may exist all the same, so nothing more was sent.
 */
public final class RequestUnconfirmedException extends DigicertException {

    private static final long serialVersionUID = 1L;

    RequestUnconfirmedException(long orderId, String answer, String sentAt, String lookedFor, Throwable cause) {
        super(
                "DigiCert may have received the duplicate request for order " + orderId + " sent at " + sentAt
                        + ": its answer was lost (" + answer + "), and the order's duplicate list did not show it "
                        + "within " + lookedFor + ". Nothing more was sent, so no second duplicate comes of it. Run "
                        + "the step again in this build (a Pipeline retry does): it looks for the request once more "
                        + "and sends it only if it is still not listed. A new build sends a new request: look for "
                        + "this one in CertCentral first (order " + orderId + ", its duplicates).",
                cause);
    }
}
