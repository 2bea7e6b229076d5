package io.jenkins.plugins.digicert.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What {@link Pem#normalize} undoes, one transport habit at a time. */
class PemTest {

    @Test
    void emptyTextStaysEmpty() {
        assertEquals("", Pem.normalize(""));
        assertEquals("", Pem.normalize("\r\n \n"));
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() {
        assertEquals("-----BEGIN X-----\nAB/C\n", Pem.normalize("\uFEFF-----BEGIN X-----\r\n  AB\\/C\r"));
        assertEquals("\uFEFF\n", Pem.normalize("\n\uFEFF"), "only a mark at the very start is a byte order mark");
    }
}
