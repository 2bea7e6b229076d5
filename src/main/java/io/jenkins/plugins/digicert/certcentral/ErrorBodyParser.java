package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an error body without ever failing on it: CertCentral's {@code {"errors":[...]}}, the same with a
 * single object, entries without a message, an HTML page from a proxy, or nothing at all.
 */
final class ErrorBodyParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^<>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);
    private static final int MAX_TEXT = 300;

    private ErrorBodyParser() {}

    static List<ApiError> parse(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return List.of(new ApiError("", "(empty response body)"));
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                List<ApiError> errors = fromJson(JSON.readTree(trimmed));
                if (!errors.isEmpty()) {
                    return errors;
                }
            } catch (JacksonException e) {
                return List.of(new ApiError("", "(malformed JSON) " + shorten(trimmed)));
            }
            return List.of(new ApiError("", shorten(trimmed)));
        }
        if (trimmed.toLowerCase(Locale.ROOT).contains("<html")) {
            Matcher title = HTML_TITLE.matcher(trimmed);
            String what = title.find() ? ": " + shorten(title.group(1).strip()) : "";
            return List.of(new ApiError("", "(an HTML page, probably from a proxy or load balancer" + what + ")"));
        }
        return List.of(new ApiError("", shorten(trimmed)));
    }

    private static List<ApiError> fromJson(JsonNode root) {
        JsonNode errors = root.isArray() ? root : root.path("errors");
        List<ApiError> out = new ArrayList<>();
        if (errors.isArray()) {
            for (JsonNode error : errors) {
                out.add(entry(error));
            }
        } else if (errors.isObject() || errors.isTextual()) {
            out.add(entry(errors));
        }
        return out;
    }

    /** An entry that has neither a code nor a message to show is shown as its JSON, like an unknown body. */
    private static ApiError entry(JsonNode error) {
        ApiError parsed = error.isTextual()
                ? new ApiError("", shorten(error.asText()))
                : new ApiError(
                        shorten(error.path("code").asText("")),
                        shorten(error.path("message").asText("")));
        return parsed.toString().isBlank() ? new ApiError("", shorten(error.toString())) : parsed;
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "…";
    }
}
