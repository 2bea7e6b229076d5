package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link ApiKey#of} accepts, character by character and length by length, and how a key compares. */
class ApiKeyTest {

    @Test
    void theFirstAndLastPrintableAsciiCharactersAreAccepted() {
        assertEquals("!~", ApiKey.of("!~").value());
        assertEquals("a!b~c", ApiKey.of(" a!b~c\n").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0020b", "a\u007fb", "a\tb", "a\u00a0b", "aéb"})
    void aCharacterOutsidePrintableAsciiIsRefusedWithItsPosition(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of(key));
        assertTrue(e.getMessage().contains("at position 2."), e.getMessage());
    }

    @Test
    void aKeyOfExactly512CharactersIsAcceptedAnd513AreNot() {
        assertEquals(512, ApiKey.of("k".repeat(512)).value().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of("k".repeat(513)));
        assertTrue(e.getMessage().contains("longer than 512 characters"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyOrBlankKeyIsRefused(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of(key));
        assertTrue(e.getMessage().startsWith("The CertCentral API key is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiKey.of(null));
    }

    @Test
    void theIdIsTheStartOfTheKeysSha256() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("abc123".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
        assertEquals(expected, ApiKey.of("abc123").id());
        assertNotEquals(ApiKey.of("abc123").id(), ApiKey.of("abc124").id());
    }

    @Test
    void keysAreEqualByValueOnly() {
        ApiKey key = ApiKey.of("abc123");
        assertEquals(key, ApiKey.of("abc123"));
        assertEquals(key.hashCode(), ApiKey.of("abc123").hashCode());
        assertNotEquals(key, ApiKey.of("abc124"));
        assertNotEquals(key, ApiKey.of("ABC123"), "the value is compared as it is; only the mask ignores case");
        assertFalse(key.equals("abc123"));
        assertFalse(key.equals(null));
    }

    @Test
    void masksAndFindsItsOwnSpellings() {
        ApiKey key = ApiKey.of("k/1");
        assertEquals("echo **** and ****", key.mask("echo k\\/1 and K%2F1"));
        assertTrue(key.isRevealedIn("echo k&#x2f;1"));
        assertFalse(key.isRevealedIn("echo k1"));
        assertFalse(key.isRevealedIn(null));
        assertEquals("echo k1", key.mask("echo k1"));
    }
}
