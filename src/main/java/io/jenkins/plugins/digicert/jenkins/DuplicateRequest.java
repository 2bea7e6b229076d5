package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one duplicate as the user gave them, unchecked: the step and the builder both hand one to
 * {@link DuplicateRun}, which checks every value before it reads a file or calls CertCentral.
 */
record DuplicateRequest(
        String credentialsId,
        String orderId,
        String csrFile,
        @CheckForNull String commonName,
        List<String> dnsNames,
        String signatureHash,
        @CheckForNull Integer serverPlatformId,
        @CheckForNull String caCertId,
        String outputDir,
        boolean archive,
        boolean waitForIssuance,
        @CheckForNull Integer timeoutMinutes) {

    DuplicateRequest {
        dnsNames = dnsNames == null ? new ArrayList<>() : new ArrayList<>(dnsNames);
    }
}
