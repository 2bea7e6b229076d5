package io.jenkins.plugins.digicert;

/** A parameter of the step is wrong; found before anything is sent to DigiCert. */
public final class InvalidInputException extends DigicertException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
