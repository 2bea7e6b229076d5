package io.jenkins.plugins.digicert.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generators of the random values the property tests need. */
public final class Gen {

    private Gen() {}

    /** Any key {@code ApiKey.of} accepts: printable ASCII without spaces, 8 to 80 characters here. */
    public static String apiKey(Random random) {
        int length = 8 + random.nextInt(73);
        StringBuilder key = new StringBuilder(length);
        // The characters JSON, URLs and HTML escape come often, so that escaping is exercised on every try.
        String awkward = "/\"\\%&<>'+=";
        for (int i = 0; i < length; i++) {
            key.append(
                    random.nextInt(4) == 0
                            ? awkward.charAt(random.nextInt(awkward.length()))
                            : (char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
        }
        return key.toString();
    }

    public static <T> T oneOf(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Text of up to {@code max} characters from the whole of Unicode's BMP, control characters included. */
    public static String anyText(Random random, int max) {
        int length = random.nextInt(max + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0xD800));
        }
        return text.toString();
    }

    /** Text of printable ASCII, up to {@code max} characters. */
    public static String ascii(Random random, int max) {
        int length = random.nextInt(max + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
        }
        return text.toString();
    }

    public static <T> List<T> listOf(Random random, int max, java.util.function.Function<Random, T> element) {
        int size = random.nextInt(max + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    /** The key as a server might write it: in clear, JSON-escaped, as unicode escapes, percent- or HTML-encoded. */
    public static String spelled(Random random, String key) {
        StringBuilder out = new StringBuilder();
        int style = random.nextInt(7);
        for (char c : key.toCharArray()) {
            int s = style == 6 ? random.nextInt(6) : style; // 6: a different spelling for every character
            out.append(
                    switch (s) {
                        case 0 -> String.valueOf(c);
                        case 1 -> jsonEscape(c);
                        case 2 -> String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c);
                        case 3 -> String.format(random.nextBoolean() ? "%%%02x" : "%%%02X", (int) c);
                        case 4 -> "&#" + (int) c + ";";
                        default -> String.format("&#x%x;", (int) c);
                    });
        }
        return out.toString();
    }

    /** How a JSON writer that escapes '/' writes one character inside a string. */
    public static String jsonEscape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            default -> String.valueOf(c);
        };
    }

    /** A string as a JSON string literal's content, for text that must stay valid JSON. */
    public static String jsonString(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(jsonEscape(c));
            }
        }
        return out.toString();
    }
}
