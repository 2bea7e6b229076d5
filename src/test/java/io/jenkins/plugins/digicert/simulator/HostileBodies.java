package io.jenkins.plugins.digicert.simulator;

import io.jenkins.plugins.digicert.property.Gen;
import io.jenkins.plugins.digicert.property.JsonGen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Successful CertCentral answers as a broken or hostile server might send them: each documented field right,
 * of the wrong type, null, missing, or surrounded by unknown fields; and now and then no JSON object at all.
 * Values of the right type include the awkward ones (negative and huge ids, ids as strings, empty strings).
 */
public final class HostileBodies {

    private HostileBodies() {}

    /** A JSON value's shape: how to write a right one, given the random source and what else to use. */
    @FunctionalInterface
    public interface Shape extends Function<Random, String> {}

    public static final Shape ID = random -> Gen.oneOf(
            random,
            List.of(
                    String.valueOf(1 + random.nextInt(1_000_000)),
                    "0",
                    "-1",
                    "\"" + random.nextInt(1000) + "\"",
                    "\"abc\"",
                    "1.5",
                    String.valueOf(Long.MAX_VALUE),
                    "92233720368547758070",
                    "1e400"));

    public static final Shape TEXT = random -> switch (random.nextInt(6)) {
        case 0 -> "\"\"";
        case 1 -> "\"" + Gen.jsonString(Gen.anyText(random, 30)) + "\"";
        case 2 ->
            "\"" + Gen.oneOf(random, List.of("issued", "approved", "pending", "rejected", "ISSUED", "revoked")) + "\"";
        default -> "\"" + Gen.jsonString(Gen.ascii(random, 20)) + "\"";
    };

    /** A field's value: mostly of its shape, else null or a value of any type. */
    public static String value(Random random, Shape shape) {
        int roll = random.nextInt(10);
        if (roll < 6) {
            return shape.apply(random);
        }
        if (roll < 8) {
            return "null";
        }
        return JsonGen.value(random, 2);
    }

    public static Shape listOf(Shape element) {
        return random -> "[" + String.join(",", Gen.listOf(random, 3, r -> value(r, element))) + "]";
    }

    /**
     * An object with the given fields (name, shape, name, shape...), each possibly missing, and possibly unknown
     * fields. The fields keep their order, so that a seed replays the same bodies.
     */
    public static Shape object(Object... namesAndShapes) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return random -> {
            StringBuilder out = new StringBuilder("{");
            String separator = "";
            for (Map.Entry<String, Shape> field : fields.entrySet()) {
                if (random.nextInt(8) > 0) {
                    out.append(separator)
                            .append('"')
                            .append(field.getKey())
                            .append("\":")
                            .append(value(random, field.getValue()));
                    separator = ",";
                }
            }
            if (random.nextInt(4) == 0) {
                out.append(separator)
                        .append("\"unknown_")
                        .append(random.nextInt(9))
                        .append("\":");
                out.append(JsonGen.value(random, 2));
            }
            return out.append('}').toString();
        };
    }

    /** The whole body: an answer of the shape mostly, else any JSON, a cut answer or not JSON at all. */
    public static String body(Random random, Shape shape) {
        return switch (random.nextInt(12)) {
            case 0 -> JsonGen.value(random, 3);
            case 1 -> JsonGen.truncated(random, shape.apply(random));
            case 2 -> Gen.oneOf(random, List.of("", "null", "[]", "{}", "\"\"", "0", "<html>OK</html>", "OK"));
            default -> shape.apply(random);
        };
    }

    public static final Shape ORDER = object(
            "id",
            ID,
            "status",
            TEXT,
            "certificate",
            object(
                    "id", ID,
                    "common_name", TEXT,
                    "dns_names", listOf(TEXT),
                    "signature_hash", TEXT,
                    "valid_till", TEXT),
            "product",
            object("name_id", TEXT, "name", TEXT, "type", TEXT));

    public static final Shape REQUEST = object("id", ID, "type", TEXT, "status", TEXT);

    /** {@code pem} is the shape of a chain entry's PEM, so that real and broken chains can be given. */
    public static Shape duplicateAnswer(Shape pem) {
        return object(
                "id",
                ID,
                "requests",
                listOf(object("id", ID, "status", TEXT)),
                "certificate_id",
                ID,
                "certificate_chain",
                listOf(object("subject_common_name", TEXT, "pem", pem)));
    }

    /** {@code csr} is the shape of an entry's CSR, so that an entry may be this build's. */
    public static Shape listing(Shape csr) {
        return object(
                "certificates",
                listOf(object(
                        "id", ID,
                        "serial_number", TEXT,
                        "common_name", TEXT,
                        "status", TEXT,
                        "date_created", TEXT,
                        "valid_till", TEXT,
                        "csr", csr)));
    }
}
