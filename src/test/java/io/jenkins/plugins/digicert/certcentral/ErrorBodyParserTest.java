package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

    /** An entry that says nothing is shown as its JSON, so a message never ends in an empty quote. */
    @Test
    void entriesWithoutCodeOrMessageOrWithOtherTypes() {
        assertEquals(
                List.of(new ApiError("", "m"), new ApiError("", "{}"), new ApiError("7", "")),
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
