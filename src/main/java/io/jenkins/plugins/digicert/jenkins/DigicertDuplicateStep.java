package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.digicert.duplicate.Defaults;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def cert = digicertDuplicate credentialsId: 'digicert-api-key', orderId: '1234567', csrFile: 'tls/server.csr'}:
 * requests a duplicate of a CertCentral order, writes the certificate files to the workspace, archives them and
 * returns a map of plain values (serial number, expiry, file paths, ...). Its fields are also those of the freestyle
 * {@link DigicertDuplicateBuilder}, which holds one of these and saves it in the job's {@code config.xml}.
 */
public class DigicertDuplicateStep extends Step {

    /** The name the step goes by in the Snippet Generator and the freestyle job's "Add build step" menu. */
    static final String DISPLAY_NAME = "Request a DigiCert duplicate certificate";

    private final String credentialsId;
    private final String orderId;
    private String csrFile;
    private String keyType;
    private String privateKeyFile;
    private String keystoreCredentialsId;
    private String commonName;
    private List<String> dnsNames = new ArrayList<>();
    private String signatureHash = Defaults.SIGNATURE_HASH;
    private Integer serverPlatformId;
    private String caCertId;
    private String outputDir = Defaults.OUTPUT_DIR;
    /** Boxed so that a saved freestyle job without the element (hand-written XML) reads as the default. */
    private Boolean archive;

    private Boolean waitForIssuance;
    private Integer timeoutMinutes;
    private Integer reuseDaysLeft;
    private String requestId;

    /** The CSR comes from {@link #setCsrFile} or is made on the agent ({@link #setKeyType}): exactly one of them. */
    @DataBoundConstructor
    public DigicertDuplicateStep(String credentialsId, String orderId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.orderId = Util.fixEmptyAndTrim(orderId);
    }

    /** A step with a CSR file, as most Java callers want it. */
    public DigicertDuplicateStep(String credentialsId, String orderId, String csrFile) {
        this(credentialsId, orderId);
        setCsrFile(csrFile);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getOrderId() {
        return orderId;
    }

    @CheckForNull
    public String getCsrFile() {
        return csrFile;
    }

    @DataBoundSetter
    public void setCsrFile(String csrFile) {
        this.csrFile = Util.fixEmptyAndTrim(csrFile);
    }

    /** The key pair the step makes on the agent ({@code RSA-2048}, ..., {@code EC-P384}); null reads csrFile. */
    @CheckForNull
    public String getKeyType() {
        return keyType;
    }

    @DataBoundSetter
    public void setKeyType(String keyType) {
        this.keyType = Util.fixEmptyAndTrim(keyType);
    }

    /** Where a key the step made goes in the workspace; null for {@code <outputDir>/private-key.pem}. */
    @CheckForNull
    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    @DataBoundSetter
    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = Util.fixEmptyAndTrim(privateKeyFile);
    }

    @CheckForNull
    public String getCommonName() {
        return commonName;
    }

    @DataBoundSetter
    public void setCommonName(String commonName) {
        this.commonName = Util.fixEmptyAndTrim(commonName);
    }

    /** The names, or null when none are given (so that forms and generated snippets leave the field out). */
    @CheckForNull
    public List<String> getDnsNames() {
        return dnsNames.isEmpty() ? null : new ArrayList<>(dnsNames);
    }

    /** Pipeline passes a list; a form's text area passes one entry with the names separated by lines or commas. */
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
        String value = Util.fixEmptyAndTrim(signatureHash);
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
        this.caCertId = Util.fixEmptyAndTrim(caCertId);
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        String value = Util.fixEmptyAndTrim(outputDir);
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

    /** Minutes to wait for issuance; null for the global default. */
    @CheckForNull
    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    /** A Secret text credential with the password of a {@code keystore.p12} to write with the key; null for none. */
    @CheckForNull
    public String getKeystoreCredentialsId() {
        return keystoreCredentialsId;
    }

    @DataBoundSetter
    public void setKeystoreCredentialsId(String keystoreCredentialsId) {
        this.keystoreCredentialsId = Util.fixEmptyAndTrim(keystoreCredentialsId);
    }

    /** Days an earlier duplicate of the CSR's key must still be valid to be reused; null always requests anew. */
    @CheckForNull
    public Integer getReuseDaysLeft() {
        return reuseDaysLeft;
    }

    @DataBoundSetter
    public void setReuseDaysLeft(Integer reuseDaysLeft) {
        this.reuseDaysLeft = reuseDaysLeft;
    }

    /** A pending request of an earlier build to collect; null sends a new request. */
    @CheckForNull
    public String getRequestId() {
        return requestId;
    }

    @DataBoundSetter
    public void setRequestId(String requestId) {
        this.requestId = Util.fixEmptyAndTrim(requestId);
    }

    /** What the core checks and runs; the credential and archiving stay with the Jenkins layer. */
    StepParameters toParameters() {
        return new StepParameters(
                orderId,
                csrFile,
                commonName,
                dnsNames,
                signatureHash,
                serverPlatformId,
                caCertId,
                outputDir,
                isWaitForIssuance(),
                timeoutMinutes,
                requestId,
                reuseDaysLeft,
                keyType,
                privateKeyFile,
                keystoreCredentialsId != null);
    }

    /**
     * A freestyle job's saved step (hand-written or older XML) may lack the defaulted fields: XStream runs no field
     * initialisers.
     */
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
    public StepExecution start(StepContext context) throws Exception {
        return new DuplicateStepExecution(context, credentialsId, keystoreCredentialsId, toParameters(), isArchive());
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements FormChecks {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "digicertDuplicate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return DISPLAY_NAME;
        }

        public FormDefaults getDefaults() {
            return FormDefaults.INSTANCE;
        }
    }
}
