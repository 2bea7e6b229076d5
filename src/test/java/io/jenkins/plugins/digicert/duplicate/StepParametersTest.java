package io.jenkins.plugins.digicert.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StepParametersTest {

    /** Replaces ${NAME} from a map, leaving unknown variables as written, as Jenkins' EnvVars.expand does. */
    private static UnaryOperator<String> variables(Map<String, String> values) {
        return text -> {
            String result = text;
            for (Map.Entry<String, String> variable : values.entrySet()) {
                result = result.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            return result;
        };
    }

    @Test
    void everyTypedTextIsExpanded() {
        StepParameters typed = new StepParameters(
                "${ORDER}",
                "tls/${HOST}.csr",
                "${HOST}.example.com",
                List.of("${HOST}.example.com"),
                "sha384",
                45,
                "${CA}",
                "certs/${BUILD_NUMBER}",
                false,
                30,
                "${REQUEST}");

        StepParameters expanded = typed.withVariables(variables(Map.of(
                "ORDER", "1234567",
                "HOST", "www",
                "CA", "5C0A6C7F8E",
                "BUILD_NUMBER", "12",
                "REQUEST", "98765")));

        assertEquals(
                new StepParameters(
                        "1234567",
                        "tls/www.csr",
                        "www.example.com",
                        List.of("www.example.com"),
                        "sha384",
                        45,
                        "5C0A6C7F8E",
                        "certs/12",
                        false,
                        30,
                        "98765"),
                expanded);
    }

    @Test
    void aNamesEntryMayExpandToSeveralNames() {
        StepParameters typed = parameters(List.of("${NAMES}", "static.example.com"));

        StepParameters expanded =
                typed.withVariables(variables(Map.of("NAMES", "a.example.com, b.example.com\nc.example.com")));

        assertEquals(
                List.of("a.example.com", "b.example.com", "c.example.com", "static.example.com"), expanded.dnsNames());
    }

    @Test
    void absentTextsStayAbsentAndAreNotExpanded() {
        List<String> seen = new ArrayList<>();
        StepParameters typed =
                new StepParameters("1234567", "server.csr", null, null, null, null, null, null, true, null, null);

        StepParameters expanded = typed.withVariables(text -> {
            seen.add(text);
            return text;
        });

        assertEquals(List.of("1234567", "server.csr"), seen);
        assertNull(expanded.commonName());
        assertNull(expanded.caCertId());
        assertNull(expanded.outputDir());
        assertNull(expanded.requestId());
        assertNull(expanded.signatureHash());
        assertEquals(List.of(), expanded.dnsNames());
    }

    @Test
    void theChoiceTheNumbersAndTheSwitchesAreNotExpanded() {
        StepParameters typed =
                new StepParameters("1", "a.csr", null, List.of(), "sha512", -1, null, null, true, 1440, null);

        StepParameters expanded = typed.withVariables(text -> "changed");

        assertEquals("sha512", expanded.signatureHash());
        assertEquals(-1, expanded.serverPlatformId());
        assertEquals(true, expanded.waitForIssuance());
        assertEquals(1440, expanded.timeoutMinutes());
    }

    @Test
    void theNamesAreACopyNoCallerCanChange() {
        List<String> names = new ArrayList<>(List.of("a.example.com"));
        StepParameters parameters = parameters(names);

        names.add("b.example.com");

        assertEquals(List.of("a.example.com"), parameters.dnsNames());
        assertThrows(
                UnsupportedOperationException.class, () -> parameters.dnsNames().add("c.example.com"));
    }

    private static StepParameters parameters(List<String> dnsNames) {
        return new StepParameters("1234567", "server.csr", null, dnsNames, null, null, null, null, true, null, null);
    }
}
