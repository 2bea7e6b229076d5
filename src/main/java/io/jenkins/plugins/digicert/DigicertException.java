package io.jenkins.plugins.digicert;

/**
 * A failure whose message is written for the person who runs the build: it says what went wrong and what to
 * do about it. Messages never contain the API key.
 */
public class DigicertException extends Exception {

    private static final long serialVersionUID = 1L;

    public DigicertException(String message) {
        super(message);
    }

    public DigicertException(String message, Throwable cause) {
        super(message, cause);
    }
}
