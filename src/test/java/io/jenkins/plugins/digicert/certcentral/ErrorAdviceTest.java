package io.jenkins.plugins.digicert.certcentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Advice is chosen on DigiCert's error codes, part by part, never on loose words in a message. */
class ErrorAdviceTest {

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(
            delimiter = ';',
            value = {
                "403; access_denied|access_denied_invalid_key; Access denied.; CertCentral rejected the API key",
                "403; access_denied|missing_permission; Access denied.; The API key is not allowed to do this",
                "400; duplicate_not_allowed; Duplicates are not allowed.; This order does not allow duplicates",
                "400; csr_invalid_cannot_parse; Unable to parse.; DigiCert could not accept the CSR",
                "400; invalid_csr; Bad CSR.; DigiCert could not accept the CSR",
                "400; cert_validity_exceeds_order_validity; x; The order has no validity left",
                "400; caa_check_failed|example.com; x; A DNS CAA record forbids",
                "403; access_denied|invalid_approver; x; The account's approval settings",
                "429; request_limit_exceeded; x; CertCentral's rate limit",
                "404; not_found|route; x; The CertCentral URL does not lead",
                "404; not_found|order; x; The order was not found",
                // Words in a message choose nothing: these are plain invalid requests.
                "400; invalid_dns_name; duplicate DNS names are not allowed; CertCentral refused the request as invalid",
                "400; bad_request; a duplicate of the csr key is not allowed; CertCentral refused the request as invalid",
                // A code that merely contains another code's letters is not that code.
                "400; not_a_csr_problem; x; CertCentral refused the request as invalid",
                "400; route_cache_miss; x; CertCentral refused the request as invalid",
            })
    void chosenOnCodes(int status, String code, String message, String expectedStart) {
        String path = status == 404 ? "/order/certificate/1" : "/order/certificate/1/duplicate";
        String advice = ErrorAdvice.sentence(status, path, List.of(new ApiError(code, message)));
        assertTrue(advice.startsWith(expectedStart), advice);
    }

    @ParameterizedTest
    @CsvSource({"400", "403", "404", "500"})
    void aMessageAboutDuplicatesWithoutTheCodeIsNotExplainedAsDuplicatesNotAllowed(int status) {
        String advice = ErrorAdvice.sentence(
                status,
                "/order/certificate/1/duplicate",
                List.of(new ApiError("", "Duplicates are not allowed"), new ApiError("other", "not allowed")));
        assertFalse(advice.startsWith("This order does not allow duplicates"), advice);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(
            delimiter = ';',
            value = {
                // The code decides before the status does.
                "400; /order/certificate/1; invalid_key; CertCentral rejected the API key",
                "403; /order/certificate/1; Access_Denied|MISSING_PERMISSION; The API key is not allowed to do this",
                "400; /order/certificate/1/duplicate; duplicates_disabled; This order does not allow duplicates",
                "400; /order/certificate/1/duplicate; duplicate_not_supported; This order does not allow duplicates",
                "400; /order/certificate/1/duplicate; duplicate_requested; CertCentral refused the request as invalid",
                "400; /order/certificate/1/duplicate; csr_bad; DigiCert could not accept the CSR",
                "400; /order/certificate/1/duplicate; weak_csr; DigiCert could not accept the CSR",
                "500; /order/certificate/1/duplicate; request_limit_exceeded; CertCentral's rate limit",
                // Then the status, with the path for a 404.
                "429; /order/certificate/1; ; CertCentral's rate limit",
                "404; /request/77; not_found; The request was not found",
                "404; /order/certificate/1; ; The order was not found",
                "404; /certificate/1/download; not_found; CertCentral refused the request.",
                "403; /order/certificate/1; access_denied; CertCentral denied access",
                "401; /order/certificate/1; ; CertCentral did not accept the request's authentication",
                "500; /order/certificate/1; ; CertCentral had a server error",
                "503; /order/certificate/1; ; CertCentral had a server error",
                "499; /order/certificate/1; ; CertCentral refused the request.",
                "400; /order/certificate/1; ; CertCentral refused the request as invalid",
                "409; /order/certificate/1; conflict; CertCentral refused the request.",
            })
    void chosenOnCodesThenStatusThenPath(int status, String path, String code, String expectedStart) {
        String advice = ErrorAdvice.sentence(status, path, List.of(new ApiError(code == null ? "" : code, "m")));
        assertTrue(advice.startsWith(expectedStart), advice);
    }

    @Test
    void noResponseIsAboutTheNetworkWhateverTheCodes() {
        String advice = ErrorAdvice.sentence(
                CertCentralException.NO_RESPONSE, "/order/certificate/1", List.of(new ApiError("invalid_key", "")));
        assertTrue(advice.startsWith("CertCentral could not be reached"), advice);
    }

    @Test
    void codePartsSkipEmptyParts() {
        assertEquals(
                Set.of("not_found", "route"),
                ErrorAdvice.codeParts(List.of(new ApiError("", "x"), new ApiError("|not_found|| |route|", "y"))));
        assertEquals(Set.of(), ErrorAdvice.codeParts(List.of(new ApiError(" ", ""))));
    }

    @ParameterizedTest
    @CsvSource({"ACCESS_DENIED|Missing_Permission", " access_denied | missing_permission "})
    void codePartsIgnoreCaseAndSpaces(String code) {
        assertEquals(
                Set.of("access_denied", "missing_permission"), ErrorAdvice.codeParts(List.of(new ApiError(code, ""))));
    }
}
