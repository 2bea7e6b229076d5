package io.jenkins.plugins.digicert.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.digicert.duplicate.Inputs;
import io.jenkins.plugins.digicert.duplicate.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * What the step's and the builder's forms share. The checks call the same core methods as a build, so a form
 * and a build say the same thing about the same value. Permission checks stay in the descriptors' web methods.
 */
final class Forms {

    private Forms() {}

    /** Configure on the job, or Administer when there is no job (e.g. the global Pipeline Syntax page). */
    static void checkPermission(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** Secret text credentials usable in the item, as the system sees them (callers check permission first). */
    static ListBoxModel credentialItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(credentialsId == null ? "" : credentialsId);
    }

    static ListBoxModel currentValueOnly(@CheckForNull String credentialsId) {
        return new StandardListBoxModel().includeCurrentValue(credentialsId == null ? "" : credentialsId);
    }

    static ListBoxModel signatureHashItems() {
        ListBoxModel items = new ListBoxModel();
        for (String hash : Inputs.SIGNATURE_HASHES) {
            items.add(hash.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"), hash);
        }
        return items;
    }

    static FormValidation orderId(String value) {
        try {
            Inputs.orderId(value);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation workspacePath(String value, String field, boolean required) {
        if (!required && (value == null || value.isBlank())) {
            return FormValidation.ok();
        }
        try {
            Inputs.workspacePath(value, field);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation commonName(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Inputs.dnsName(value, "commonName");
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation dnsNames(String text) {
        try {
            Inputs.dnsNames(Inputs.splitNames(text));
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation caCertId(String value) {
        try {
            Inputs.caCertId(value);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation serverPlatformId(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Inputs.serverPlatformId(Integer.valueOf(value.strip()));
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error("serverPlatformId must be a whole number, such as -1, 2 or 45.");
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation timeoutMinutes(String value) {
        try {
            Inputs.timeoutMinutes(value);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
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
}
