package io.jenkins.plugins.digicert.certcentral;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The sentence a Jenkins user can act on, for the errors people actually meet. */
final class ErrorAdvice {

    private ErrorAdvice() {}

    static String sentence(int status, String path, List<ApiError> errors) {
        Set<String> codes = codeParts(errors);
        if (status == CertCentralException.NO_RESPONSE) {
            return "CertCentral could not be reached or did not answer in time. Check the network and the Jenkins "
                    + "proxy settings; the request can be retried.";
        }
        if (codes.contains("access_denied_invalid_key") || codes.contains("invalid_key")) {
            return "CertCentral rejected the API key as invalid or revoked. Create a new key in CertCentral "
                    + "(Automation > API keys) and update the Secret text credential.";
        }
        if (codes.contains("missing_permission")) {
            return "The API key is not allowed to do this (it is view-only or restricted). Use a key whose "
                    + "restriction allows orders, requests and certificates.";
        }
        if (codes.stream().anyMatch(ErrorAdvice::refusesDuplicates)) {
            return "This order does not allow duplicates: DV certificates have none, and an account administrator "
                    + "must enable duplicates for the product.";
        }
        if (codes.stream().anyMatch(code -> code.startsWith("csr_") || code.endsWith("_csr"))) {
            return "DigiCert could not accept the CSR. Generate a new CSR (RSA 2048 or more, or EC P-256/P-384) "
                    + "and check that the file holds it whole.";
        }
        if (codes.contains("cert_validity_exceeds_order_validity")) {
            return "The order has no validity left for a duplicate. Renew the order instead.";
        }
        if (codes.contains("caa_check_failed")) {
            return "A DNS CAA record forbids DigiCert to issue for one of the names. Add DigiCert to the domain's "
                    + "CAA records.";
        }
        if (codes.contains("invalid_approver")) {
            return "The account's approval settings refused the request. Ask a CertCentral administrator.";
        }
        if (status == 429 || codes.contains("request_limit_exceeded")) {
            return "CertCentral's rate limit for this API key (100 requests per 5 seconds, 1000 per 3 minutes) "
                    + "was still exceeded after the retries. Run fewer builds at once with this key, or retry later.";
        }
        if (status == 404 && codes.contains("route")) {
            return "The CertCentral URL does not lead to the Services API. Check the region or the custom URL "
                    + "in the global configuration.";
        }
        if (status == 404 && path.startsWith("/order/")) {
            return "The order was not found in the CertCentral account of this API key. Check orderId, and "
                    + "whether the account is in the US or the EU region.";
        }
        if (status == 404 && path.startsWith("/request/")) {
            return "The request was not found in the CertCentral account of this API key.";
        }
        if (status == 403) {
            return "CertCentral denied access. Check the API key and its restrictions.";
        }
        if (status == 401) {
            return "CertCentral did not accept the request's authentication. Check the API key.";
        }
        if (status >= 500) {
            return "CertCentral had a server error. Try again later; if it persists, check DigiCert's status page.";
        }
        if (status == 400) {
            return "CertCentral refused the request as invalid. Check the parameters against what DigiCert said.";
        }
        return "CertCentral refused the request.";
    }

    /**
     * The parts of every code, lower case: DigiCert joins a category and a detail with '|', as in
     * {@code access_denied|missing_permission} or {@code not_found|route}. Advice is chosen on these exact parts,
     * never on words in a message: "duplicate DNS names are not allowed" is not "duplicates are not allowed".
     */
    static Set<String> codeParts(List<ApiError> errors) {
        Set<String> parts = new HashSet<>();
        for (ApiError error : errors) {
            for (String part : error.code().toLowerCase(Locale.ROOT).split("\\|")) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
        }
        return parts;
    }

    /** {@code duplicate_not_allowed} and its spellings: a code about duplicates that says they are refused. */
    private static boolean refusesDuplicates(String code) {
        return code.startsWith("duplicate")
                && (code.contains("not_allowed") || code.contains("disabled") || code.contains("not_supported"));
    }
}
