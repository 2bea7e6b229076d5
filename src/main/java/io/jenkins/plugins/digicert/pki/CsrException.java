package io.jenkins.plugins.digicert.pki;

import io.jenkins.plugins.digicert.DigicertException;

/** The CSR cannot be sent to DigiCert; the message says why and how to make a good one. */
public final class CsrException extends DigicertException {

    private static final long serialVersionUID = 1L;

    public CsrException(String message) {
        super(message);
    }

    public CsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
