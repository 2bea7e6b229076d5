package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error bodies that property tests found to be mishandled. */
class ErrorBodyParserTest {

    @Test
    void manyUnclosedTitleTagsAreReadInLinearTime() {
        // Each "<title" without a '>' made the title search scan to the end again: 300 KB took 15 s.
        String body = "<html>" + "<title".repeat(50_000);
        List<ApiError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ErrorBodyParser.parse(body));
        assertEquals(List.of(new ApiError("", "(an HTML page, probably from a proxy or load balancer)")), errors);
    }

    @Test
    void titleWithAttributesIsStillFound() {
        assertEquals(
                List.of(new ApiError("", "(an HTML page, probably from a proxy or load balancer: 503 Busy)")),
                ErrorBodyParser.parse("<HTML><Title lang=\"en\"> 503 Busy </TITLE></HTML>"));
    }

    @Test
    void entriesWithoutCodeOrMessageAreShownAsTheirJson() {
        // {"errors":{"x":"y"}} gave an error with an empty code and message: the exception ended in "... POST /x: )".
        assertEquals(List.of(new ApiError("", "{\"x\":\"y\"}")), ErrorBodyParser.parse("{\"errors\":{\"x\":\"y\"}}"));
        assertEquals(
                List.of(new ApiError("", "{}"), new ApiError("", "null"), new ApiError("", "\" \"")),
                ErrorBodyParser.parse("{\"errors\":[{},null,\" \"]}"));
        assertEquals(
                List.of(new ApiError("", "{\"code\":\"\",\"message\":\" \"}")),
                ErrorBodyParser.parse("{\"errors\":[{\"code\":\"\",\"message\":\" \"}]}"));
        assertEquals(List.of(new ApiError("c", "")), ErrorBodyParser.parse("{\"errors\":[{\"code\":\"c\"}]}"));
    }
}
