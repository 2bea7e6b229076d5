package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputsTest {

    @Test
    void orderIds() throws Exception {
        assertEquals(1234567L, Inputs.orderId(" 1234567 "));
        assertMessage(() -> Inputs.orderId(""), "orderId is required");
        assertMessage(() -> Inputs.orderId(null), "orderId is required");
        assertMessage(() -> Inputs.orderId("12a"), "orderId '12a' is not an order number");
        assertMessage(() -> Inputs.orderId("-5"), "is not an order number");
        assertMessage(() -> Inputs.orderId("0"), "is not an order number");
        assertMessage(() -> Inputs.orderId("1234567890123"), "is not an order number");
        assertMessage(() -> Inputs.orderId("12\n34"), "orderId '12\\u000a34'");
    }

    @ParameterizedTest
    @CsvSource({
        "Example.COM,example.com",
        "*.example.com,*.example.com",
        "www.example.com.,www.example.com",
        "xn--bcher-kva.example,xn--bcher-kva.example",
        "a-b.c-d.example,a-b.c-d.example"
    })
    void validDnsNames(String input, String expected) throws Exception {
        assertEquals(expected, Inputs.dnsName(input, "commonName"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "-a.example.com",
                "a-.example.com",
                "a..example.com",
                "a.*.example.com",
                "**.example.com",
                "exa mple.com",
                "under_score.example.com",
                "bücher.example"
            })
    void invalidDnsNames(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Inputs.dnsName(input, "dnsNames"));
        assertTrue(e.getMessage().startsWith("dnsNames '"), e.getMessage());
    }

    @Test
    void longNamesAndLabels() {
        assertMessage(() -> Inputs.dnsName("a".repeat(64) + ".example.com", "commonName"), "invalid label");
        assertMessage(() -> Inputs.dnsName(("a".repeat(60) + ".").repeat(5) + "com", "commonName"), "longer than 253");
        assertMessage(() -> Inputs.dnsName(" ", "commonName"), "commonName contains an empty name");
    }

    @Test
    void nameListsDropBlanksAndDuplicates() throws Exception {
        assertEquals(
                List.of("a.example.com", "b.example.com"),
                Inputs.dnsNames(Arrays.asList("A.example.com", "", null, "b.example.com", "a.example.com")));
        assertEquals(List.of(), Inputs.dnsNames(null));
        assertMessage(
                () -> Inputs.dnsNames(java.util.Collections.nCopies(251, "a.example.com")), "DigiCert allows 250");
        assertEquals(
                List.of("a.example.com", "b.example.com", "c.example.com"),
                Inputs.splitNames("a.example.com, b.example.com\n c.example.com "));
    }

    @Test
    void signatureHashes() throws Exception {
        assertEquals("sha256", Inputs.signatureHash(null));
        assertEquals("sha384", Inputs.signatureHash("SHA384"));
        assertMessage(
                () -> Inputs.signatureHash("md5"),
                "signatureHash 'md5' is not supported; use one of [sha256, sha384, sha512]");
    }

    @Test
    void serverPlatformAndCaCertIds() throws Exception {
        assertNull(Inputs.serverPlatformId(null));
        assertEquals(-1, Inputs.serverPlatformId(-1));
        assertMessage(() -> Inputs.serverPlatformId(-2), "serverPlatformId -2 is not a CertCentral server platform");
        assertNull(Inputs.caCertId(" "));
        assertEquals("5C0A6C7F8E", Inputs.caCertId("5C0A6C7F8E"));
        assertMessage(() -> Inputs.caCertId("abc/../x"), "caCertId 'abc/../x' is not an intermediate CA id");
    }

    @Test
    void timeoutMinutesFromOneMinuteToADay() throws Exception {
        assertNull(Inputs.timeoutMinutes((Integer) null));
        assertNull(Inputs.timeoutMinutes(" "));
        assertEquals(1, Inputs.timeoutMinutes(1));
        assertEquals(1440, Inputs.timeoutMinutes(" 1440 "));
        assertMessage(() -> Inputs.timeoutMinutes(0), "timeoutMinutes must be a whole number from 1 to 1440");
        assertMessage(() -> Inputs.timeoutMinutes(1441), "not 1441.");
        assertMessage(() -> Inputs.timeoutMinutes("ten"), "not ten.");
        assertMessage(() -> Inputs.timeoutMinutes("2.5"), "not 2.5.");
    }

    @Test
    void optionsCheckEverythingAtOnce() {
        assertMessage(() -> DuplicateOptions.builder("1").commonName("bad name").build(), "commonName 'bad name'");
        assertMessage(() -> DuplicateOptions.builder("x").build(), "orderId 'x'");
        assertMessage(() -> DuplicateOptions.builder("1").signatureHash("sha1").build(), "signatureHash 'sha1'");
    }

    interface Call {
        void run() throws Exception;
    }

    private static void assertMessage(Call call, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }
}
