package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.property.ForAll;
import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.JsonGen;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever an error body holds (text, JSON of any shape, an HTML page), the parser gives a non-empty list of
 * errors whose code and message are present, bounded, and together say something.
 */
class ErrorBodyParserPropertyTest {

    /** {@link ErrorBodyParser}'s 300 characters, an ellipsis, and the words around an HTML page's title. */
    private static final int MAX_TEXT = 400;

    private static final List<String> ENTRY_FIELDS = List.of("code", "message");

    static String anyBody(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Gen.anyText(random, 200);
            case 1 -> Gen.ascii(random, 200);
            case 2 -> "{\"errors\":" + JsonGen.array(random, 2, ErrorBodyParserPropertyTest::entry) + "}";
            case 3 -> "{\"errors\":" + entry(random) + "}";
            case 4 -> "{\"errors\":" + JsonGen.value(random, 3) + "}";
            case 5 -> JsonGen.array(random, 2, ErrorBodyParserPropertyTest::entry);
            case 6 -> JsonGen.value(random, 4);
            case 7 -> JsonGen.deep(random, 1 + random.nextInt(3000), "{\"errors\":[" + entry(random) + "]}");
            case 8 -> JsonGen.truncated(random, "{\"errors\":" + JsonGen.array(random, 2, r -> entry(r)) + "}");
            case 9 -> html(random);
            case 10 -> manyEntries(random);
            default ->
                Gen.oneOf(
                        random,
                        List.of(
                                "",
                                " ",
                                "\n\r\t",
                                "null",
                                "{}",
                                "[]",
                                "{\"errors\":null}",
                                "\"\"",
                                "{\"errors\":[]}",
                                "{\"errors\":{}}",
                                "[null]",
                                "{\"errors\":[null,1,true,[]]}",
                                "\uFEFF{}"));
        };
    }

    /** Thousands of small entries, as a 64 KiB body can hold. */
    static String manyEntries(Random random) {
        String one = Gen.oneOf(random, List.of("{}", "null", "{\"code\":\"c\",\"message\":\"m\"}", "\"e\"", "[]"));
        return "{\"errors\":[" + String.join(",", java.util.Collections.nCopies(random.nextInt(10_000), one)) + "]}";
    }

    /** One entry of the errors list, as CertCentral writes it or with fields of any type. */
    static String entry(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"code\":" + JsonGen.string(random) + ",\"message\":" + JsonGen.string(random) + "}";
            case 1 -> JsonGen.value(random, 2);
            default -> JsonGen.object(random, 2, ENTRY_FIELDS);
        };
    }

    static String html(Random random) {
        String title = Gen.ascii(random, 400).replace("<", "");
        return switch (random.nextInt(4)) {
            case 0 ->
                "<html><head><title>" + title + "</title></head><body>" + Gen.anyText(random, 500) + "</body></html>";
            case 1 -> "<!DOCTYPE html>\n<HTML><TITLE lang=\"en\">\n" + title + "\n</TITLE>";
            case 2 -> "<html>" + "<title".repeat(random.nextInt(12_000)); // no '>': every match attempt runs to the end
            default -> "<html><title>" + "x".repeat(random.nextInt(200_000)) + "</title>";
        };
    }

    @Test
    void everyBodyGivesErrorsThatSaySomethingBounded() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> ForAll.check(ErrorBodyParserPropertyTest::anyBody, body -> {
                    long started = System.nanoTime();
                    List<ApiError> errors = ErrorBodyParser.parse(body);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    assertTrue(millis < 2000, () -> "took " + millis + " ms");
                    assertNotNull(errors);
                    assertFalse(errors.isEmpty(), "no error at all");
                    for (ApiError error : errors) {
                        assertNotNull(error.code(), "a null code");
                        assertNotNull(error.message(), "a null message");
                        assertTrue(
                                error.code().length() <= MAX_TEXT,
                                () -> "a code of " + error.code().length());
                        assertTrue(
                                error.message().length() <= MAX_TEXT,
                                () -> "a message of " + error.message().length());

                        assertFalse(error.toString().isBlank(), () -> "an entry that says nothing, in " + errors);
                    }
                }));
    }
}
