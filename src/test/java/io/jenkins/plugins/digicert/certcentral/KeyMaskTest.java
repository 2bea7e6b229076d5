package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every spelling of a key that {@link KeyMask} claims to find, one by one, and the texts it must leave alone. */
class KeyMaskTest {

    private static final KeyMask SLASH = new KeyMask("a/b");

    @Test
    void nullAndEmptyTextPassThrough() {
        assertNull(SLASH.apply(null));
        assertEquals("", SLASH.apply(""));
        assertFalse(SLASH.reveals(null));
        assertFalse(SLASH.reveals(""));
    }

    @Test
    void textWithoutTheKeyIsReturnedAsItIs() {
        String text = "no key here: a-b, a\\b, a%2Gb";
        assertSame(text, SLASH.apply(text));
        assertFalse(SLASH.reveals(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a/b", // clear
                "A/B", // upper-cased echo
                "a\\/b", // JSON
                "a\\\\\\/b", // JSON inside JSON
                "a\\u002Fb", // JSON unicode escape
                "a\\U002fb",
                "\\u0061\\u002f\\u0062",
                "a%2Fb", // percent-encoded
                "a%2fb",
                "%61%2F%62",
                "a&#47;b", // decimal reference
                "a&#0047;b",
                "a&#x2F;b", // hexadecimal reference
                "a&#X002f;b",
                "a&sol;b", // named reference
                "&#97;&#x2f;%62", // a mix
            })
    void everySpellingIsMaskedAndReported(String spelling) {
        String text = "key=" + spelling + ".";
        assertTrue(SLASH.reveals(text), spelling);
        assertEquals("key=****.", SLASH.apply(text), spelling);
    }

    @Test
    void everyOccurrenceIsMasked() {
        assertEquals("****, **** and ****", SLASH.apply("a/b, a%2Fb and a&#47;b"));
    }

    @Test
    void namedReferencesForEveryCharacterThatHasOne() {
        assertEquals("****", new KeyMask("\"&<>'/\\").apply("&quot;&amp;&lt;&gt;&apos;&sol;&bsol;"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a&null;b", // no named reference for '/' other than &sol;
                "a&#48;b", // '0', not '/'
                "a&#x2E;b", // '.', not '/'
                "a%2Eb",
                "a\\u002Eb",
                "ab",
                "a//b",
            })
    void nearMissesAreNotTheKey(String text) {
        assertFalse(SLASH.reveals(text), text);
        assertEquals(text, SLASH.apply(text));
    }

    @Test
    void aCharacterWithoutANamedReferenceHasNone() {
        KeyMask mask = new KeyMask("x1");
        assertFalse(mask.reveals("&null;1"));
        assertTrue(mask.reveals("&#120;1"));
        assertTrue(mask.reveals("x&#x31;"));
    }

    @Test
    void twoDigitHexForLowCharacters() {
        // '!' is 0x21: "%21", never "%210" or "%1".
        KeyMask mask = new KeyMask("!");
        assertTrue(mask.reveals("%21"));
        assertTrue(mask.reveals("\\u0021"));
        assertTrue(mask.reveals("&#33;"));
        assertFalse(mask.reveals("%1"));
        assertFalse(mask.reveals("&#21;"));
    }
}
