package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shape of error body {@link ErrorBodyParser} reads, beyond those in ConfigurationRulesTest. */
class ErrorBodyParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t"})
    void blankBodies(String body) {
        assertEquals(List.of(new ApiError("", "(empty response body)")), ErrorBodyParser.parse(body));
    }

    @Test
    void aTopLevelArrayOfErrors() {
        assertEquals(
                List.of(new ApiError("a", "b"), new ApiError("", "c")),
                ErrorBodyParser.parse(" [{\"code\":\"a\",\"message\":\"b\"},\"c\"] "));
    }

    @Test
    void errorsAsASingleString() {
        assertEquals(
                List.of(new ApiError("", "Order not found")),
                ErrorBodyParser.parse("{\"errors\":\"Order   not\\nfound\"}"));
    }

    @Test
    void anEmptyErrorListOrOddErrorsValueShowsTheBody() {
        assertEquals(List.of(new ApiError("", "{\"errors\":[]}")), ErrorBodyParser.parse("{\"errors\":[]}"));
        assertEquals(List.of(new ApiError("", "[]")), ErrorBodyParser.parse("[]"));
        assertEquals(List.of(new ApiError("", "{\"errors\":42}")), ErrorBodyParser.parse("{\"errors\":42}"));
    }

    @Test
    void entriesWithoutCodeOrMessageOrWithOtherTypes() {
        assertEquals(
                List.of(new ApiError("", "m"), new ApiError("", ""), new ApiError("7", "")),
                ErrorBodyParser.parse("{\"errors\":[{\"message\":\"m\"},{},{\"code\":7}]}"));
    }

    @Test
    void malformedJsonIsShownAsSuch() {
        assertEquals(
                List.of(new ApiError("", "(malformed JSON) {\"errors\":[ oops")),
                ErrorBodyParser.parse("{\"errors\":[\n oops"));
    }

    @Test
    void anHtmlPageIsNamedByItsTitle() {
        assertEquals(
                List.of(new ApiError("", "(an HTML page, probably from a proxy or load balancer: 502 Bad Gateway)")),
                ErrorBodyParser.parse(
                        "<!DOCTYPE html>\n<Html><head><TITLE lang=\"en\">\n 502  Bad\nGateway </TITLE></head></Html>"));
        assertEquals(
                List.of(new ApiError("", "(an HTML page, probably from a proxy or load balancer)")),
                ErrorBodyParser.parse("<html><body>no title</body></html>"));
    }

    @Test
    void textThatMentionsNoHtmlTagIsPlainText() {
        assertEquals(
                List.of(new ApiError("", "<title>x</title> but no page")),
                ErrorBodyParser.parse("<title>x</title> but no page"));
    }

    @Test
    void textIsShortenedToExactly300Characters() {
        String exactly = "x".repeat(300);
        assertEquals(exactly, ErrorBodyParser.shorten(exactly));
        assertEquals(exactly + "…", ErrorBodyParser.shorten(exactly + "y"));
        assertEquals(List.of(new ApiError("", exactly + "…")), ErrorBodyParser.parse(exactly + "yz"));
        assertEquals(
                List.of(new ApiError("c".repeat(300) + "…", "m".repeat(300) + "…")),
                ErrorBodyParser.parse("{\"errors\":[{\"code\":\"" + "c".repeat(400) + "\",\"message\":\""
                        + "m".repeat(301) + "\"}]}"));
    }

    @Test
    void whitespaceRunsBecomeOneSpace() {
        assertEquals("a b c", ErrorBodyParser.shorten("a \t\r\n b\nc"));
    }
}
