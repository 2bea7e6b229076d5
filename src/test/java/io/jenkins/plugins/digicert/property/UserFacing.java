package io.jenkins.plugins.digicert.property;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jenkins.plugins.digicert.DigicertException;
import java.util.regex.Pattern;

/**
 * What the property tests ask of a failure caused by outside input: it is one of the project's own exceptions
 * (not the plain {@link DigicertException} that wraps a bug of ours), with a message a user can act on, not the
 * text of a Java, Jackson or Bouncy Castle exception.
 */
public final class UserFacing {

    /** A qualified class name of the JDK or a library, or a stack frame: the text of an exception, not of ours. */
    private static final Pattern RAW = Pattern.compile(
            "\\b(java|javax|jdk|sun|com\\.fasterxml|org\\.bouncycastle|okhttp3|okio)\\.[a-z]+[.a-zA-Z]*\\b|\\n\\s*at "
                    + "|\\b[A-Z][A-Za-z]*(Exception|Error):");

    private UserFacing() {}

    /** Fails unless {@code e} is the project's own, meaningful failure; returns it for further checks. */
    public static DigicertException assertUserFacing(Throwable e) {
        DigicertException own = assertInstanceOf(DigicertException.class, e, () -> "not the project's exception: " + e);
        assertNotEquals(
                DigicertException.class,
                e.getClass(),
                () -> "a bug of ours reported as such: " + e.getMessage() + "\n" + stack(e));
        String message = e.getMessage();
        assertNotNull(message, "no message");
        assertFalse(message.isBlank(), "a blank message");
        assertFalse(RAW.matcher(message).find(), () -> "the text of a raw exception: " + message);
        return own;
    }

    private static String stack(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
