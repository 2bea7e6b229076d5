package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.MessageText;
import io.jenkins.plugins.digicert.pki.KeyType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks each user-supplied parameter on its own. The Jenkins forms call the same methods, so that a form
 * and a build say the same thing about the same value.
 */
public final class Inputs {

    public static final List<String> SIGNATURE_HASHES = List.of("sha256", "sha384", "sha512");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern LABEL = Pattern.compile("(?!-)[a-z0-9-]{1,63}(?<!-)");
    private static final Pattern CA_CERT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_NAMES = 250;

    private Inputs() {}

    public static long orderId(String value) throws InvalidInputException {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty()) {
            throw new InvalidInputException("orderId is required: the number of the CertCentral order to duplicate "
                    + "(Certificates > Orders, the 'Order #' column).");
        }
        if (!DIGITS.matcher(id).matches() || Long.parseLong(id) == 0) {
            throw new InvalidInputException("orderId '" + MessageText.quote(id)
                    + "' is not an order number; it must be a positive whole number such as 1234567.");
        }
        return Long.parseLong(id);
    }

    /** A request id to collect (empty: none, so a new request is sent). */
    public static Long requestId(String value) throws InvalidInputException {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty()) {
            return null;
        }
        if (!DIGITS.matcher(id).matches() || Long.parseLong(id) == 0) {
            throw new InvalidInputException("requestId '" + MessageText.quote(id) + "' is not a request number; it "
                    + "must be a positive whole number, as a step with waitForIssuance: false returned it.");
        }
        return Long.parseLong(id);
    }

    /** A DNS name as DigiCert takes it: lower case, ASCII (punycode for IDNs), an optional leading '*.'. */
    public static String dnsName(String value, String field) throws InvalidInputException {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw new InvalidInputException(field + " contains an empty name.");
        }
        if (name.length() > 253) {
            throw new InvalidInputException(
                    field + " '" + MessageText.quote(name) + "' is longer than 253 characters.");
        }
        if (!name.chars().allMatch(c -> c < 0x80)) {
            throw new InvalidInputException(field + " '" + MessageText.quote(name)
                    + "' has non-ASCII characters; give internationalised names in punycode (xn--...).");
        }
        String rest = name.startsWith("*.") ? name.substring(2) : name;
        String[] labels = rest.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidInputException(field + " '" + MessageText.quote(name)
                    + "' is not a fully qualified domain name (e.g. www.example.com).");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidInputException(
                        field + " '" + MessageText.quote(name) + "' has an invalid label '" + MessageText.quote(label)
                                + "': labels are 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen; "
                                + "only the first label may be the wildcard '*'.");
            }
        }
        return name;
    }

    public static List<String> dnsNames(List<String> values) throws InvalidInputException {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_NAMES) {
            throw new InvalidInputException(
                    "dnsNames has " + values.size() + " names; DigiCert allows " + MAX_NAMES + " at most.");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                names.add(dnsName(value, "dnsNames"));
            }
        }
        return new ArrayList<>(names);
    }

    /** Splits a form's text box: names separated by commas, spaces or line breaks. */
    public static List<String> splitNames(String text) {
        List<String> names = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        return names;
    }

    public static String signatureHash(String value) throws InvalidInputException {
        String hash = value == null || value.isBlank()
                ? Defaults.SIGNATURE_HASH
                : value.strip().toLowerCase(Locale.ROOT);
        if (!SIGNATURE_HASHES.contains(hash)) {
            throw new InvalidInputException("signatureHash '" + MessageText.quote(hash)
                    + "' is not supported; use one of " + SIGNATURE_HASHES + ".");
        }
        return hash;
    }

    public static Integer serverPlatformId(Integer value) throws InvalidInputException {
        if (value != null && value < -1) {
            throw new InvalidInputException(
                    "serverPlatformId " + value
                            + " is not a CertCentral server platform; use -1 (other), 2 (Apache), 45 (nginx), ... or leave it empty.");
        }
        return value;
    }

    public static String caCertId(String value) throws InvalidInputException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        if (!CA_CERT_ID.matcher(id).matches()) {
            throw new InvalidInputException("caCertId '" + MessageText.quote(id)
                    + "' is not an intermediate CA id; take it from CertCentral's product list (e.g. 5C0A6C7F8E...).");
        }
        return id;
    }

    /** A day: longer approvals are better waited for by a later build with {@code waitForIssuance: false}. */
    public static final int MAX_TIMEOUT_MINUTES = 1440;

    /** Minutes to wait for issuance, from 1 to {@link #MAX_TIMEOUT_MINUTES}; null keeps the global default. */
    public static Integer timeoutMinutes(Integer value) throws InvalidInputException {
        if (value != null && (value < 1 || value > MAX_TIMEOUT_MINUTES)) {
            throw new InvalidInputException(timeoutMessage(String.valueOf(value)));
        }
        return value;
    }

    /** The same from a form's text box: empty is the global default. */
    public static Integer timeoutMinutes(String text) throws InvalidInputException {
        return fromText(text, Inputs::timeoutMinutes, Inputs::timeoutMessage);
    }

    /**
     * Where the CSR comes from: exactly one of {@code csrFile} (a CSR the user made) and {@code keyType} (a key pair
     * the step makes on the agent).
     *
     * @return the key type, or empty for the CSR file
     */
    public static Optional<KeyType> keyType(String csrFile, String keyType) throws InvalidInputException {
        boolean file = csrFile != null && !csrFile.isBlank();
        boolean type = keyType != null && !keyType.isBlank();
        if (file && type) {
            throw new InvalidInputException("Give csrFile or keyType, not both: csrFile names a CSR you made, keyType "
                    + "makes a new key pair and its CSR on the agent.");
        }
        if (!file && !type) {
            throw new InvalidInputException("Give csrFile (a CSR in the workspace) or keyType (" + KeyType.ids()
                    + ": the step makes the key pair and the CSR on the agent).");
        }
        if (!type) {
            return Optional.empty();
        }
        return Optional.of(KeyType.of(keyType)
                .orElseThrow(() -> new InvalidInputException("keyType '" + MessageText.quote(keyType.strip())
                        + "' is not one DigiCert accepts for a duplicate: " + KeyType.ids() + ".")));
    }

    /** DigiCert issues duplicates for at most 397 days: a duplicate with more days left never exists. */
    public static final int MAX_REUSE_DAYS_LEFT = 397;

    /** Days a duplicate must still be valid to be reused, from 1 to {@link #MAX_REUSE_DAYS_LEFT}; null: no reuse. */
    public static Integer reuseDaysLeft(Integer value) throws InvalidInputException {
        if (value != null && (value < 1 || value > MAX_REUSE_DAYS_LEFT)) {
            throw new InvalidInputException(reuseMessage(String.valueOf(value)));
        }
        return value;
    }

    /** The same from a form's text box: empty is no reuse. */
    public static Integer reuseDaysLeft(String text) throws InvalidInputException {
        return fromText(text, Inputs::reuseDaysLeft, Inputs::reuseMessage);
    }

    /** A number's own check, for the form's text of it. */
    @FunctionalInterface
    private interface NumberCheck {
        Integer check(Integer value) throws InvalidInputException;
    }

    /** A form's text box holding a whole number: empty is none; what is no number is refused as the number would be. */
    private static Integer fromText(String text, NumberCheck check, UnaryOperator<String> message)
            throws InvalidInputException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return check.check(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(message.apply(MessageText.quote(text.strip())));
        }
    }

    private static String reuseMessage(String value) {
        return "reuseDaysLeft must be a whole number of days from 1 to " + MAX_REUSE_DAYS_LEFT
                + " (DigiCert's longest duplicate), or empty to request a new duplicate every time, not " + value
                + ".";
    }

    private static String timeoutMessage(String value) {
        return "timeoutMinutes must be a whole number from 1 to " + MAX_TIMEOUT_MINUTES
                + ", or empty for the global default, not " + value + ".";
    }
}
