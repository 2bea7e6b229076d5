package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlsTest {

    @Test
    void regionsAreTheTwoDocumentedHosts() {
        assertEquals(
                "https://www.digicert.com/services/v2/",
                ClientSettings.defaults().baseUrl().toString());
        assertEquals(
                "https://certcentral.digicert.eu/services/v2/",
                ClientSettings.defaults().withRegion(Region.EU).baseUrl().toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://proxy.example.com/services/v2",
                "http://127.0.0.1:8080/services/v2/",
                "http://localhost:1/x",
                "http://[::1]:8080/services/v2"
            })
    void acceptedBaseUrls(String url) {
        assertTrue(BaseUrls.parse(url).toString().endsWith("/"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://www.digicert.com/services/v2",
                "http://10.0.0.1/x",
                "ftp://x.example.com/",
                "not a url",
                "https://user:pw@x.example.com/",
                "https://x.example.com/?a=b",
                "http://127.0.0.1.nip.io/"
            })
    void refusedBaseUrls(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaseUrls.parse(url));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void keysAreMaskedAndComparedByValue() {
        ApiKey key = ApiKey.of("  abc123  ");
        assertEquals("ApiKey[****]", key.toString());
        assertEquals(ApiKey.of("abc123"), key);
        assertEquals(16, key.id().length());
        assertFalse(key.id().contains("abc123"));
    }

    @Test
    void errorBodiesOfEveryShape() {
        assertEquals(
                List.of(new ApiError("a", "b"), new ApiError("c", "")),
                ErrorBodyParser.parse("{\"errors\":[{\"code\":\"a\",\"message\":\"b\"},{\"code\":\"c\"}]}"));
        assertEquals(
                List.of(new ApiError("a", "b")),
                ErrorBodyParser.parse("{\"errors\":{\"code\":\"a\",\"message\":\"b\"}}"));
        assertEquals(List.of(new ApiError("", "plain")), ErrorBodyParser.parse("{\"errors\":[\"plain\"]}"));
        assertEquals(List.of(new ApiError("", "{\"unexpected\":1}")), ErrorBodyParser.parse("{\"unexpected\":1}"));
        assertEquals(List.of(new ApiError("", "(empty response body)")), ErrorBodyParser.parse(null));
        assertEquals(List.of(new ApiError("", "Service down")), ErrorBodyParser.parse("Service\n  down"));
        assertTrue(ErrorBodyParser.parse("x".repeat(1000)).get(0).message().length() < 310);
        assertTrue(ErrorBodyParser.parse("<HTML><body>no title</body></HTML>")
                .get(0)
                .message()
                .startsWith("(an HTML page"));
    }
}
