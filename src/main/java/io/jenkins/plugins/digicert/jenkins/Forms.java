package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.duplicate.Inputs;
import io.jenkins.plugins.digicert.duplicate.OptionConflict;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the forms say about a value. The checks call the same core rules as a build, so a form and a build say
 * the same thing; on a form a message names the field by its label rather than by its Pipeline parameter.
 */
final class Forms {

    /** Pipeline parameter to the label the form shows (config.jelly). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("orderId", "Order number"),
            Map.entry("csrFile", "CSR file"),
            Map.entry("outputDir", "Output directory"),
            Map.entry("commonName", "Common name"),
            Map.entry("dnsNames", "DNS names"),
            Map.entry("caCertId", "Intermediate CA ID"),
            Map.entry("serverPlatformId", "Server platform ID"),
            Map.entry("timeoutMinutes", "Wait at most"),
            Map.entry("requestId", "Collect the pending request"),
            Map.entry("reuseDaysLeft", "Reuse a duplicate still valid for"),
            Map.entry("keyType", "Key"),
            Map.entry("privateKeyFile", "Private key file"));

    private Forms() {}

    static ListBoxModel signatureHashItems() {
        ListBoxModel items = new ListBoxModel();
        for (String hash : Inputs.SIGNATURE_HASHES) {
            items.add(hash.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"), hash);
        }
        return items;
    }

    static FormValidation orderId(String value) {
        return check(() -> Inputs.orderId(value), "orderId");
    }

    static FormValidation workspacePath(String value, String field, boolean required) {
        if (!required && (value == null || value.isBlank())) {
            return FormValidation.ok();
        }
        return check(() -> WorkspacePaths.check(value, field), field);
    }

    static FormValidation commonName(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return check(() -> Inputs.dnsName(value, "commonName"), "commonName");
    }

    static FormValidation dnsNames(String text) {
        return check(() -> Inputs.dnsNames(Inputs.splitNames(text)), "dnsNames");
    }

    static FormValidation caCertId(String value) {
        return check(() -> Inputs.caCertId(value), "caCertId");
    }

    static FormValidation serverPlatformId(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Integer id = Integer.valueOf(value.strip());
            return check(() -> Inputs.serverPlatformId(id), "serverPlatformId");
        } catch (NumberFormatException e) {
            return FormValidation.error("Server platform ID must be a whole number, such as -1, 2 or 45.");
        }
    }

    static FormValidation requestId(String value) {
        return check(() -> Inputs.requestId(value), "requestId");
    }

    static FormValidation timeoutMinutes(String value) {
        return check(() -> Inputs.timeoutMinutes(value), "timeoutMinutes");
    }

    /** The choices of the key type: the CSR file, or a key pair the step makes. */
    static ListBoxModel keyTypeItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("None: use the CSR file", "");
        for (KeyType type : KeyType.values()) {
            items.add("Make a new " + type.label() + " key pair on the agent", type.id());
        }
        return items;
    }

    /** Exactly one of the CSR file and the key type, said as the form shows the two fields. */
    static FormValidation csrSource(String csrFile, String keyType) {
        boolean file = csrFile != null && !csrFile.isBlank();
        boolean type = keyType != null && !keyType.isBlank();
        if (file && type) {
            return FormValidation.error("Give a CSR file or choose a key pair for the step to make, not both.");
        }
        if (!file && !type) {
            return FormValidation.error("Give a CSR file, or choose a key pair for the step to make on the agent.");
        }
        return check(() -> Inputs.keyType(csrFile, keyType), "keyType");
    }

    static FormValidation reuseDaysLeft(String value, String keyType, String requestId) {
        FormValidation days = check(() -> Inputs.reuseDaysLeft(value), "reuseDaysLeft");
        if (days.kind != FormValidation.Kind.OK || isBlank(value)) {
            return days;
        }
        return conflict(OptionConflict.among(!isBlank(keyType), true, !isBlank(requestId), false), days);
    }

    static FormValidation requestId(String value, String keyType) {
        FormValidation id = requestId(value);
        if (id.kind != FormValidation.Kind.OK || isBlank(value)) {
            return id;
        }
        return conflict(OptionConflict.among(!isBlank(keyType), false, true, false), id);
    }

    static FormValidation keystoreCredentialsId(String value, String keyType) {
        FormValidation none = FormValidation.ok();
        return isBlank(value) ? none : conflict(OptionConflict.among(!isBlank(keyType), false, false, true), none);
    }

    /** The run refuses these too (OptionConflict); the form says so in its own words, naming what it shows. */
    private static FormValidation conflict(List<OptionConflict> conflicts, FormValidation otherwise) {
        if (conflicts.isEmpty()) {
            return otherwise;
        }
        return FormValidation.error(
                switch (conflicts.get(0)) {
                    case REUSE_WITH_MADE_KEY ->
                        "Nothing to reuse with a key the step makes: a new key has no "
                                + "duplicate yet. Leave this empty, or choose \"None: use the CSR file\" and give the CSR "
                                + "of a key you keep.";
                    case REQUEST_WITH_MADE_KEY ->
                        "A pending request is collected with the CSR it was made with: "
                                + "choose \"None: use the CSR file\" and give that request's CSR (the earlier build wrote "
                                + "it beside its files).";
                    case REUSE_WITH_REQUEST -> "Collect a pending request or reuse a duplicate, not both: keep one.";
                    case KEYSTORE_WITHOUT_MADE_KEY ->
                        "A keystore needs the private key, which the step has only "
                                + "when it makes the key: choose a key type, or leave this empty.";
                });
    }

    private static boolean isBlank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }

    /** Splits each entry on commas, spaces and line breaks: a form's text area arrives as one entry. */
    static List<String> splitAll(@CheckForNull List<String> values) {
        List<String> names = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                names.addAll(Inputs.splitNames(value));
            }
        }
        return names;
    }

    /** The core's message with the Pipeline parameter name replaced by the form's label. */
    static String onTheForm(String message, String parameter) {
        String label = LABELS.getOrDefault(parameter, parameter);
        return message.startsWith(parameter) ? label + message.substring(parameter.length()) : message;
    }

    @FunctionalInterface
    private interface Rule {
        void apply() throws InvalidInputException;
    }

    private static FormValidation check(Rule rule, String parameter) {
        try {
            rule.apply();
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(onTheForm(e.getMessage(), parameter));
        }
    }
}
