package io.jenkins.plugins.digicert.certcentral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A CertCentral API key. It prints as a mask, and only the client reads the value, to put it in the
 * {@code X-DC-DEVKEY} header.
 */
public final class ApiKey {

    private static final int MAX_LENGTH = 512;

    private final String value;
    private final String id;
    private final KeyMask mask;

    private ApiKey(String value) {
        this.value = value;
        this.id = sha256(value).substring(0, 16);
        this.mask = new KeyMask(value);
    }

    /**
     * Checks the key before it goes into a header: an HTTP library's complaint about a bad header value would
     * quote the value, and a key with a stray newline is a common copy-and-paste slip.
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The CertCentral API key is empty. Store the key as a Secret text "
                    + "credential and give its ID as credentialsId.");
        }
        String key = value.strip();
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "The CertCentral API key is longer than " + MAX_LENGTH + " characters; is it the right secret?");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("The CertCentral API key contains a space, a line break or a "
                        + "non-ASCII character at position " + (i + 1) + ". Paste the key again without them.");
            }
        }
        return new ApiKey(key);
    }

    String value() {
        return value;
    }

    /**
     * The text with every spelling of this key (clear, JSON-escaped, percent-encoded, HTML references) replaced
     * by {@code ****}: for any text that came from outside and is about to be shown, logged or written.
     */
    public String mask(String text) {
        return mask.apply(text);
    }

    /** Whether the text holds this key in any spelling {@link #mask} would replace. */
    public boolean isRevealedIn(String text) {
        return mask.reveals(text);
    }

    /** A one-way identifier of the key, to share rate limits between calls with the same key. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
