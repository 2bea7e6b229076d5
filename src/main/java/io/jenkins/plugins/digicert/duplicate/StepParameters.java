package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The parameters of one duplicate as the user gave them to the Pipeline step or the freestyle build step, not yet
 * checked: {@link Duplicator} checks every one before it does anything else.
 *
 * @param timeoutMinutes the step's own wait, or null for the configured default
 * @param requestId a pending request of an earlier build to collect, or null to send a new request
 * @param reuseDaysLeft reuse a duplicate of the CSR's key valid this many more days; null requests a new one
 * @param keyType the key pair the step makes on the agent instead of reading csrFile ({@code RSA-2048}, ...)
 * @param privateKeyFile where that key goes in the workspace; null for {@code <outputDir>/private-key.pem}
 * @param keystore whether a {@code keystore.p12} is asked for (its password is the Jenkins layer's credential)
 */
public record StepParameters(
        String orderId,
        String csrFile,
        @CheckForNull String commonName,
        List<String> dnsNames,
        @CheckForNull String signatureHash,
        @CheckForNull Integer serverPlatformId,
        @CheckForNull String caCertId,
        @CheckForNull String outputDir,
        boolean waitForIssuance,
        @CheckForNull Integer timeoutMinutes,
        @CheckForNull String requestId,
        @CheckForNull Integer reuseDaysLeft,
        @CheckForNull String keyType,
        @CheckForNull String privateKeyFile,
        boolean keystore) {

    public StepParameters {
        dnsNames = dnsNames == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dnsNames));
    }

    /** Without reuse. */
    public StepParameters(
            String orderId,
            String csrFile,
            @CheckForNull String commonName,
            List<String> dnsNames,
            @CheckForNull String signatureHash,
            @CheckForNull Integer serverPlatformId,
            @CheckForNull String caCertId,
            @CheckForNull String outputDir,
            boolean waitForIssuance,
            @CheckForNull Integer timeoutMinutes,
            @CheckForNull String requestId) {
        this(
                orderId,
                csrFile,
                commonName,
                dnsNames,
                signatureHash,
                serverPlatformId,
                caCertId,
                outputDir,
                waitForIssuance,
                timeoutMinutes,
                requestId,
                null,
                null,
                null,
                false);
    }

    /**
     * The parameters with build variables such as {@code ${BUILD_NUMBER}} replaced in every text a user types (the
     * freestyle build step's fields); a DNS name entry may expand to several names. The choice (signature hash),
     * the numbers and the switches are left as they are.
     */
    public StepParameters withVariables(UnaryOperator<String> expand) {
        List<String> names = new ArrayList<>();
        for (String entry : dnsNames) {
            names.addAll(Inputs.splitNames(expand.apply(entry)));
        }
        return new StepParameters(
                expanded(orderId, expand),
                expanded(csrFile, expand),
                expanded(commonName, expand),
                names,
                signatureHash,
                serverPlatformId,
                expanded(caCertId, expand),
                expanded(outputDir, expand),
                waitForIssuance,
                timeoutMinutes,
                expanded(requestId, expand),
                reuseDaysLeft,
                keyType,
                expanded(privateKeyFile, expand),
                keystore);
    }

    private static String expanded(@CheckForNull String value, UnaryOperator<String> expand) {
        return value == null ? null : expand.apply(value);
    }
}
