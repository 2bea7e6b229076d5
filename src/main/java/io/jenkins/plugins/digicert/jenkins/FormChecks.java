package io.jenkins.plugins.digicert.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

/**
 * The fill and check methods of the step's form, which the freestyle builder shows too: Stapler and Jenkins find
 * public default methods of a descriptor's interfaces like its own (as core's
 * {@code EnvironmentVariableParameterNameFormValidation} relies on). Permissions follow the Credentials plugin's
 * consumer guide: a user who may not configure the job gets no answer ({@code ok()}) rather than an error page.
 * Query parameters are named explicitly: an interface method's parameter names need not survive compilation.
 */
public interface FormChecks {

    @POST
    default ListBoxModel doFillCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter("credentialsId") String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId;
        if (!mayListCredentials(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        asTheBuild(item), item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    @POST
    default ListBoxModel doFillKeystoreCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter("keystoreCredentialsId") String keystoreCredentialsId) {
        return doFillCredentialsIdItems(item, keystoreCredentialsId);
    }

    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter("value") String value) {
        if (!mayListCredentials(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.error("Choose the Secret text credential that holds the CertCentral API key.");
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning("Cannot check a credential given as an expression.");
        }
        if (CredentialsProvider.listCredentialsInItem(
                        StringCredentials.class, item, asTheBuild(item), List.of(), CredentialsMatchers.withId(value))
                .isEmpty()) {
            return FormValidation.error("No Secret text credential with this ID is available to this job.");
        }
        return FormValidation.ok();
    }

    @POST
    default ListBoxModel doFillSignatureHashItems(@AncestorInPath Item item) {
        boolean mayRead = item == null ? Jenkins.get().hasPermission(Jenkins.READ) : item.hasPermission(Item.READ);
        return mayRead ? Forms.signatureHashItems() : new ListBoxModel();
    }

    @POST
    default FormValidation doCheckOrderId(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && !holdsVariable(item, value) ? Forms.orderId(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckCsrFile(
            @AncestorInPath Item item,
            @QueryParameter("value") String value,
            @QueryParameter("keyType") String keyType) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        FormValidation source = Forms.csrSource(value, keyType);
        if (source.kind != FormValidation.Kind.OK || value == null || value.isBlank() || holdsVariable(item, value)) {
            return source;
        }
        return Forms.workspacePath(value, "csrFile", true);
    }

    @POST
    default FormValidation doCheckKeyType(
            @AncestorInPath Item item,
            @QueryParameter("value") String value,
            @QueryParameter("csrFile") String csrFile) {
        return mayConfigure(item) ? Forms.csrSource(csrFile, value) : FormValidation.ok();
    }

    @POST
    default ListBoxModel doFillKeyTypeItems(@AncestorInPath Item item) {
        boolean mayRead = item == null ? Jenkins.get().hasPermission(Jenkins.READ) : item.hasPermission(Item.READ);
        return mayRead ? Forms.keyTypeItems() : new ListBoxModel();
    }

    @POST
    default FormValidation doCheckPrivateKeyFile(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && value != null && !value.isBlank() && !holdsVariable(item, value)
                ? Forms.workspacePath(value, "privateKeyFile", true)
                : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckOutputDir(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && !holdsVariable(item, value)
                ? Forms.workspacePath(value, "outputDir", false)
                : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckCommonName(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && !holdsVariable(item, value) ? Forms.commonName(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckDnsNames(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && !holdsVariable(item, value) ? Forms.dnsNames(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckCaCertId(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) && !holdsVariable(item, value) ? Forms.caCertId(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckServerPlatformId(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) ? Forms.serverPlatformId(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckRequestId(
            @AncestorInPath Item item,
            @QueryParameter("value") String value,
            @QueryParameter("keyType") String keyType) {
        return mayConfigure(item) && !holdsVariable(item, value)
                ? Forms.requestId(value, keyType)
                : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckReuseDaysLeft(
            @AncestorInPath Item item,
            @QueryParameter("value") String value,
            @QueryParameter("keyType") String keyType,
            @QueryParameter("requestId") String requestId) {
        return mayConfigure(item) ? Forms.reuseDaysLeft(value, keyType, requestId) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckKeystoreCredentialsId(
            @AncestorInPath Item item,
            @QueryParameter("value") String value,
            @QueryParameter("keyType") String keyType) {
        return mayConfigure(item) ? Forms.keystoreCredentialsId(value, keyType) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter("value") String value) {
        return mayConfigure(item) ? Forms.timeoutMinutes(value) : FormValidation.ok();
    }

    /**
     * In a freestyle job (an {@link AbstractProject}) a field may hold a build variable, to be checked when the build
     * expands it; Pipeline has none to expand (Groovy has replaced its own before the step sees the text).
     */
    private static boolean holdsVariable(@CheckForNull Item item, @CheckForNull String value) {
        return item instanceof AbstractProject<?, ?> && value != null && value.contains("$");
    }

    /** Configure on the job; without a job (the global Pipeline Syntax page), Administer. */
    private static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** As the consumer guide: Extended Read or Use Item on the job; Administer without one. */
    private static boolean mayListCredentials(@CheckForNull Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** The identity the job's builds run as, so that the list offers what a build can use. */
    private static Authentication asTheBuild(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
