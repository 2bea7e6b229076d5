package io.jenkins.plugins.digicert.property;

import java.util.List;
import java.util.Random;

/** Random JSON text: any value, wrong types where a field is expected, deep nesting, huge strings and numbers. */
public final class JsonGen {

    private JsonGen() {}

    /** A JSON string literal, quotes included: short, empty, control characters, escapes, or huge. */
    public static String string(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "\"\"";
            case 1 -> "\"" + Gen.jsonString(Gen.anyText(random, 40)) + "\"";
            case 2 -> "\"" + "x".repeat(10_000 + random.nextInt(100_000)) + "\"";
            case 3 -> "\"\\u0000\\n\\t\\\\\\/\\\"\"";
            case 4 -> "\"   \"";
            default -> "\"" + Gen.jsonString(Gen.ascii(random, 30)) + "\"";
        };
    }

    /** A JSON number: small, negative, fractional, beyond a long, beyond a double. */
    public static String number(Random random) {
        return Gen.oneOf(
                random,
                List.of(
                        String.valueOf(random.nextInt(1000)),
                        String.valueOf(-1 - random.nextInt(1000)),
                        "0",
                        "-0",
                        "1.5",
                        "1e3",
                        "-1e-9",
                        String.valueOf(Long.MAX_VALUE),
                        String.valueOf(Long.MIN_VALUE),
                        "92233720368547758070",
                        "1" + "0".repeat(400),
                        "1e400",
                        "-1e400"));
    }

    /** Any JSON value, nested up to {@code depth} more levels. */
    public static String value(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> number(random);
            case 3, 4 -> string(random);
            case 5 -> array(random, depth - 1, r -> value(r, depth - 1));
            default -> object(random, depth - 1, List.of());
        };
    }

    public static String array(Random random, int depth, java.util.function.Function<Random, String> element) {
        List<String> elements = Gen.listOf(random, 4, element);
        return "[" + String.join(",", elements) + "]";
    }

    /** An object with random fields, and each of {@code fields} with some probability and a random value. */
    public static String object(Random random, int depth, List<String> fields) {
        StringBuilder out = new StringBuilder("{");
        String separator = "";
        for (String field : fields) {
            if (random.nextInt(5) > 0) {
                out.append(separator).append('"').append(field).append("\":").append(value(random, depth));
                separator = ",";
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            out.append(separator)
                    .append('"')
                    .append(Gen.jsonString(Gen.ascii(random, 8)))
                    .append("\":")
                    .append(value(random, depth));
            separator = ",";
        }
        return out.append('}').toString();
    }

    /** {@code levels} nested arrays or objects around a value. */
    public static String deep(Random random, int levels, String inner) {
        boolean arrays = random.nextBoolean();
        return (arrays ? "[" : "{\"a\":").repeat(levels) + inner + (arrays ? "]" : "}").repeat(levels);
    }

    /** The text cut at a random place, as a dropped connection leaves it. */
    public static String truncated(Random random, String json) {
        return json.isEmpty() ? json : json.substring(0, random.nextInt(json.length()));
    }
}
