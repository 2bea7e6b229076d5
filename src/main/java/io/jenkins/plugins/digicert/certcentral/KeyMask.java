package io.jenkins.plugins.digicert.certcentral;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an API key in text however a server, a proxy or a parser may have written it: in clear, JSON-escaped
 * ({@code \/}, {@code \"}, {@code \\}, {@code \u002F}), percent-encoded, or as HTML character references, one
 * character at a time in any mix. A mask that only knew the clear key would miss an echo that a parser decodes
 * later; this one is applied to raw bodies and again to every decoded text before it leaves the client. It
 * ignores case, as an echo may come back lower-cased (DNS names are).
 */
final class KeyMask {

    static final String MASK = "****";

    /** HTML's named references for the key characters that have common ones. */
    private static final Map<Character, String> NAMED_ENTITIES =
            Map.of('"', "quot", '&', "amp", '<', "lt", '>', "gt", '\'', "apos", '/', "sol", '\\', "bsol");

    private final Pattern pattern;

    KeyMask(String key) {
        StringBuilder regex = new StringBuilder();
        for (char c : key.toCharArray()) {
            regex.append(character(c));
        }
        // Case-blind: a server or a parser that changes the case of the echo still shows the key.
        this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(MASK) : text;
    }

    boolean reveals(String text) {
        return text != null && pattern.matcher(text).find();
    }

    /**
     * One key character in any of its spellings. A run of backslashes may stand before it (escapes of escapes);
     * the run is bounded so that a body of backslashes cannot make the search quadratic.
     */
    private static String character(char c) {
        String hex = String.format(Locale.ROOT, "%02x", (int) c);
        StringBuilder alternatives = new StringBuilder("(?:\\\\{0,7}(?:")
                .append(Pattern.quote(String.valueOf(c)))
                .append("|(?i:u00")
                .append(hex)
                .append("))|(?i:%")
                .append(hex)
                .append(")|&#0*")
                .append((int) c)
                .append(";|(?i:&#x0*")
                .append(hex)
                .append(";)");
        String named = NAMED_ENTITIES.get(c);
        if (named != null) {
            alternatives.append("|&").append(named).append(';');
        }
        return alternatives.append(')').toString();
    }
}
