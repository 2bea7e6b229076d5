package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;

/** An approver in CertCentral rejected the duplicate request. */
public final class DuplicateRejectedException extends DigicertException {

    private static final long serialVersionUID = 1L;

    DuplicateRejectedException(long orderId, String requestId) {
        super("DigiCert rejected the duplicate request " + requestId + " for order " + orderId
                + ". An approver in CertCentral declined it; ask them why (Requests page), then run the build again.");
    }
}
