package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.digicert.duplicate.Defaults;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step: the fields, form and checks of {@link DigicertDuplicateStep}, the same run. Text fields
 * may use build variables such as {@code ${ORDER_ID}}. It is deliberately not a {@code SimpleBuildStep}: Pipeline
 * offers every SimpleBuildStep through {@code step(...)}, and Pipeline has {@code digicertDuplicate}, which also
 * returns the result.
 */
public class DigicertDuplicateBuilder extends Builder {

    private final String credentialsId;
    private final String orderId;
    private final String csrFile;
    private String commonName;
    private List<String> dnsNames = new ArrayList<>();
    private String signatureHash = Defaults.SIGNATURE_HASH;
    private Integer serverPlatformId;
    private String caCertId;
    private String outputDir = Defaults.OUTPUT_DIR;
    /** Boxed so that a saved job without the element (older or hand-written XML) reads as the default, true. */
    private Boolean archive;

    private Boolean waitForIssuance;
    private Integer timeoutMinutes;
    private String requestId;

    @DataBoundConstructor
    public DigicertDuplicateBuilder(String credentialsId, String orderId, String csrFile) {
        this.credentialsId = DuplicateExecution.blankToNull(credentialsId);
        this.orderId = DuplicateExecution.blankToNull(orderId);
        this.csrFile = DuplicateExecution.blankToNull(csrFile);
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
        this.commonName = DuplicateExecution.blankToNull(commonName);
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
        String value = DuplicateExecution.blankToNull(signatureHash);
        this.signatureHash = value == null ? Defaults.SIGNATURE_HASH : value;
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
        this.caCertId = DuplicateExecution.blankToNull(caCertId);
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        String value = DuplicateExecution.blankToNull(outputDir);
        this.outputDir = value == null ? Defaults.OUTPUT_DIR : value;
    }

    public boolean isArchive() {
        return archive == null ? Defaults.ARCHIVE : archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    public boolean isWaitForIssuance() {
        return waitForIssuance == null ? Defaults.WAIT_FOR_ISSUANCE : waitForIssuance;
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

    /** A pending request of an earlier build to collect; null sends a new request. */
    @CheckForNull
    public String getRequestId() {
        return requestId;
    }

    @DataBoundSetter
    public void setRequestId(String requestId) {
        this.requestId = DuplicateExecution.blankToNull(requestId);
    }

    /** Saved jobs (older, or hand-written XML) may lack the defaulted fields: XStream runs no field initialisers. */
    protected Object readResolve() {
        if (dnsNames == null) {
            dnsNames = new ArrayList<>();
        }
        if (signatureHash == null) {
            signatureHash = Defaults.SIGNATURE_HASH;
        }
        if (outputDir == null) {
            outputDir = Defaults.OUTPUT_DIR;
        }
        return this;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        FilePath workspace = build.getWorkspace();
        if (workspace == null) {
            throw new AbortException("The build has no workspace: the agent that ran it is gone.");
        }
        EnvVars env = build.getEnvironment(listener);
        List<String> names = new ArrayList<>();
        for (String name : dnsNames) {
            names.addAll(Forms.splitAll(List.of(env.expand(name))));
        }
        StepParameters parameters = new StepParameters(
                expand(env, orderId),
                expand(env, csrFile),
                expand(env, commonName),
                names,
                signatureHash,
                serverPlatformId,
                expand(env, caCertId),
                expand(env, outputDir),
                isWaitForIssuance(),
                timeoutMinutes,
                expand(env, requestId));
        DuplicateExecution.execute(credentialsId, parameters, isArchive(), build, workspace, launcher, listener);
        return true;
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : env.expand(value);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements FormChecks {

        /** The step's help files serve this form too: one text per field. */
        private static final List<String> FIELDS = List.of(
                "credentialsId",
                "orderId",
                "csrFile",
                "signatureHash",
                "commonName",
                "dnsNames",
                "serverPlatformId",
                "caCertId",
                "outputDir",
                "archive",
                "waitForIssuance",
                "timeoutMinutes",
                "requestId");

        public DescriptorImpl() {
            for (String field : FIELDS) {
                addHelpFileRedirect(field, DigicertDuplicateStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Request a DigiCert duplicate certificate";
        }

        @Override
        public boolean allowsBuildVariables() {
            return true;
        }

        public FormDefaults getDefaults() {
            return FormDefaults.INSTANCE;
        }

        /** The class whose config.jelly is this form (see this class's config.jelly). */
        public Class<?> getFormClass() {
            return DigicertDuplicateStep.class;
        }
    }
}
