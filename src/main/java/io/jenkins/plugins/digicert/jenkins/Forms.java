package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.duplicate.Inputs;
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
    private static final Map<String, String> LABELS = Map.of(
            "orderId", "Order number",
            "csrFile", "CSR file",
            "outputDir", "Output directory",
            "commonName", "Common name",
            "dnsNames", "DNS names",
            "caCertId", "Intermediate CA ID",
            "serverPlatformId", "Server platform ID",
            "timeoutMinutes", "Wait at most",
            "requestId", "Collect the pending request",
            "reuseDaysLeft", "Reuse a duplicate still valid for");

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

    static FormValidation reuseDaysLeft(String value) {
        return check(() -> Inputs.reuseDaysLeft(value), "reuseDaysLeft");
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
