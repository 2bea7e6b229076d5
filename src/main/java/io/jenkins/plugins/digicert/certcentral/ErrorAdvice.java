package io.jenkins.plugins.digicert.certcentral;

import java.util.List;
import java.util.Locale;

/** The sentence a Jenkins user can act on, for the errors people actually meet. */
final class ErrorAdvice {

    private ErrorAdvice() {}

    static String sentence(int status, String path, List<ApiError> errors) {
        String codes =
                String.join(" ", errors.stream().map(ApiError::code).toList()).toLowerCase(Locale.ROOT);
        String messages = String.join(
                        " ", errors.stream().map(ApiError::message).toList())
                .toLowerCase(Locale.ROOT);
        if (status == CertCentralException.NO_RESPONSE) {
            return "CertCentral could not be reached or did not answer in time. Check the network and the Jenkins "
                    + "proxy settings; the request can be retried.";
        }
        if (codes.contains("invalid_key")) {
            return "CertCentral rejected the API key as invalid or revoked. Create a new key in CertCentral "
                    + "(Automation > API keys) and update the Secret text credential.";
        }
        if (codes.contains("missing_permission")) {
            return "The API key is not allowed to do this (it is view-only or restricted). Use a key whose "
                    + "restriction allows orders, requests and certificates.";
        }
        if (codes.contains("duplicate") || (messages.contains("duplicate") && messages.contains("not allowed"))) {
            return "This order does not allow duplicates: DV certificates have none, and an account administrator "
                    + "must enable duplicates for the product.";
        }
        if (codes.contains("csr")) {
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
}
