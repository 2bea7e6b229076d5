package io.jenkins.plugins.digicert;

import java.util.function.UnaryOperator;

/**
 * A failure whose message is written for the person who runs the build: it says what went wrong and what to
 * do about it. Messages never contain the API key: where a message may quote what a server sent, the one
 * place that knows the key masks it with {@link #maskMessage} before the exception leaves the core.
 */
public class DigicertException extends Exception {

    private static final long serialVersionUID = 1L;

    private String maskedMessage;

    public DigicertException(String message) {
        super(message);
    }

    public DigicertException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Replaces the message by the mask's version of it; later calls mask the already masked message again. */
    public final void maskMessage(UnaryOperator<String> mask) {
        maskedMessage = mask.apply(getMessage());
    }

    @Override
    public String getMessage() {
        return maskedMessage != null ? maskedMessage : super.getMessage();
    }
}
