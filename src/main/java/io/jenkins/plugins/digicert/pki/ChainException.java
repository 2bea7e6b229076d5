package io.jenkins.plugins.digicert.pki;

import io.jenkins.plugins.digicert.DigicertException;

/** DigiCert's certificates cannot be trusted as the answer to this CSR; nothing is written. */
public final class ChainException extends DigicertException {

    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
