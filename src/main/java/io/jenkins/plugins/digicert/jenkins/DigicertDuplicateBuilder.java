package io.jenkins.plugins.digicert.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link DigicertDuplicateStep}: same fields, same checks, same run. Text fields may use
 * build variables such as {@code ${ORDER_ID}}. In Pipeline use the {@code digicertDuplicate} step instead, which
 * returns the result.
 */
public class DigicertDuplicateBuilder extends Builder implements SimpleBuildStep {

    private final String credentialsId;
    private final String orderId;
    private final String csrFile;
    private String commonName;
    private List<String> dnsNames = new ArrayList<>();
    private String signatureHash = "sha256";
    private Integer serverPlatformId;
    private String caCertId;
    private String outputDir = DuplicateRun.DEFAULT_OUTPUT_DIR;
    /** Boxed so that a saved job without the element (older or hand-written XML) reads as the default, true. */
    private Boolean archive;

    private Boolean waitForIssuance;
    private Integer timeoutMinutes;

    @DataBoundConstructor
    public DigicertDuplicateBuilder(String credentialsId, String orderId, String csrFile) {
        this.credentialsId = DuplicateRun.blankToNull(credentialsId);
        this.orderId = DuplicateRun.blankToNull(orderId);
        this.csrFile = DuplicateRun.blankToNull(csrFile);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getCsrFile() {
        return csrFile;
    }

    @CheckForNull
    public String getCommonName() {
        return commonName;
    }

    @DataBoundSetter
    public void setCommonName(String commonName) {
        this.commonName = DuplicateRun.blankToNull(commonName);
    }

    /** The names, or null when none are given. */
    @CheckForNull
    public List<String> getDnsNames() {
        return dnsNames.isEmpty() ? null : new ArrayList<>(dnsNames);
    }

    /** The form's text area arrives as one entry; names may be separated by line breaks, commas or spaces. */
    @DataBoundSetter
    public void setDnsNames(List<String> dnsNames) {
        this.dnsNames = Forms.splitAll(dnsNames);
    }

    /** For the form's text area: one name a line. */
    public String getDnsNamesText() {
        return String.join("\n", dnsNames);
    }

    public String getSignatureHash() {
        return signatureHash;
    }

    @DataBoundSetter
    public void setSignatureHash(String signatureHash) {
        String value = DuplicateRun.blankToNull(signatureHash);
        this.signatureHash = value == null ? "sha256" : value;
    }

    @CheckForNull
    public Integer getServerPlatformId() {
        return serverPlatformId;
    }

    @DataBoundSetter
    public void setServerPlatformId(Integer serverPlatformId) {
        this.serverPlatformId = serverPlatformId;
    }

    @CheckForNull
    public String getCaCertId() {
        return caCertId;
    }

    @DataBoundSetter
    public void setCaCertId(String caCertId) {
        this.caCertId = DuplicateRun.blankToNull(caCertId);
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        String value = DuplicateRun.blankToNull(outputDir);
        this.outputDir = value == null ? DuplicateRun.DEFAULT_OUTPUT_DIR : value;
    }

    public boolean isArchive() {
        return archive == null || archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    public boolean isWaitForIssuance() {
        return waitForIssuance == null || waitForIssuance;
    }

    @DataBoundSetter
    public void setWaitForIssuance(boolean waitForIssuance) {
        this.waitForIssuance = waitForIssuance;
    }

    @CheckForNull
    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    /** Saved jobs (older, or hand-written XML) may lack the defaulted fields: XStream runs no field initialisers. */
    protected Object readResolve() {
        if (dnsNames == null) {
            dnsNames = new ArrayList<>();
        }
        if (signatureHash == null) {
            signatureHash = "sha256";
        }
        if (outputDir == null) {
            outputDir = DuplicateRun.DEFAULT_OUTPUT_DIR;
        }
        return this;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        List<String> names = new ArrayList<>();
        for (String name : dnsNames) {
            names.addAll(Forms.splitAll(List.of(env.expand(name))));
        }
        DuplicateRequest request = new DuplicateRequest(
                credentialsId,
                expand(env, orderId),
                expand(env, csrFile),
                expand(env, commonName),
                names,
                signatureHash,
                serverPlatformId,
                expand(env, caCertId),
                expand(env, outputDir),
                isArchive(),
                isWaitForIssuance(),
                timeoutMinutes);
        DuplicateRun.execute(request, run, workspace, launcher, listener);
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : env.expand(value);
    }

    @Extension
    @Symbol("digicertDuplicateBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Request a DigiCert duplicate certificate";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            if (item == null
                    ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return Forms.currentValueOnly(credentialsId);
            }
            return Forms.credentialItems(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillSignatureHashItems(@AncestorInPath Item item) {
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.READ) : !item.hasPermission(Item.READ)) {
                return new ListBoxModel();
            }
            return Forms.signatureHashItems();
        }

        @POST
        public FormValidation doCheckOrderId(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return value != null && value.contains("$") ? FormValidation.ok() : Forms.orderId(value);
        }

        @POST
        public FormValidation doCheckCsrFile(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return Forms.workspacePath(value, "csrFile", true);
        }

        @POST
        public FormValidation doCheckOutputDir(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return Forms.workspacePath(value, "outputDir", false);
        }

        @POST
        public FormValidation doCheckCommonName(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return value != null && value.contains("$") ? FormValidation.ok() : Forms.commonName(value);
        }

        @POST
        public FormValidation doCheckDnsNames(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return value != null && value.contains("$") ? FormValidation.ok() : Forms.dnsNames(value);
        }

        @POST
        public FormValidation doCheckCaCertId(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return value != null && value.contains("$") ? FormValidation.ok() : Forms.caCertId(value);
        }

        @POST
        public FormValidation doCheckServerPlatformId(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return Forms.serverPlatformId(value);
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            Forms.checkPermission(item);
            return Forms.timeoutMinutes(value);
        }
    }
}
