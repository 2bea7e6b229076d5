package io.jenkins.plugins.digicert.duplicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameters of one duplicate as the user gave them to the Pipeline step or the freestyle build step, not yet
 * checked: {@link Duplicator} checks every one before it does anything else.
 *
 * @param timeoutMinutes the step's own wait, or null for the configured default
 * @param requestId a pending request of an earlier build to collect, or null to send a new request
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
        @CheckForNull String requestId) {

    public StepParameters {
        dnsNames = dnsNames == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dnsNames));
    }
}
