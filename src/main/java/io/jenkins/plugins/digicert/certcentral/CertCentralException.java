package io.jenkins.plugins.digicert.certcentral;

import io.jenkins.plugins.digicert.DigicertException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CertCentral refused a call, or could not be reached. The message starts with what the user can do and ends
 * with what DigiCert said, so both the person at the console and the person searching DigiCert's docs are
 * served.
 */
public final class CertCentralException extends DigicertException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or {@link #NO_RESPONSE} when the call got no answer. */
    public static final int NO_RESPONSE = 0;

    /** The most entries of DigiCert's error list a message shows. */
    static final int MAX_LISTED = 5;

    private final int status;
    private final String method;
    private final String path;
    private final List<ApiError> errors;
    private final boolean unreadableSuccess;

    CertCentralException(int status, String method, String path, List<ApiError> errors, Throwable cause) {
        this(status, method, path, errors, cause, false);
    }

    private CertCentralException(
            int status, String method, String path, List<ApiError> errors, Throwable cause, boolean unreadableSuccess) {
        super(compose(status, method, path, errors, unreadableSuccess), cause);
        this.status = status;
        this.method = method;
        this.path = path;
        this.errors = List.copyOf(errors);
        this.unreadableSuccess = unreadableSuccess;
    }

    /** A 2xx answer whose body could not be read: the call worked, but what it returned is unknown. */
    static CertCentralException unreadableSuccess(int status, String method, String path, String problem) {
        return new CertCentralException(status, method, path, List.of(new ApiError("", problem)), null, true);
    }

    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public List<ApiError> errors() {
        return errors;
    }

    public List<String> codes() {
        return errors.stream().map(ApiError::code).filter(c -> !c.isEmpty()).toList();
    }

    /** Whether a code, or one of its '|'-separated parts, is exactly this one (case aside). */
    public boolean hasCode(String code) {
        return ErrorAdvice.codeParts(errors).contains(code.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Whether the request may have been carried out although no success came back: no answer at all, or a
     * gateway error from between us and DigiCert.
     */
    public boolean outcomeUnknown() {
        return unreadableSuccess
                || status == NO_RESPONSE
                || status == 502
                || status == 503
                || status == 504
                || status >= 520;
    }

    /**
     * What DigiCert said, each different entry once and at most {@link #MAX_LISTED} of them: an answer with thousands
     * of entries would otherwise make a console line tens of kilobytes long. {@link #errors()} keeps them all.
     */
    private static String listed(List<ApiError> errors) {
        List<String> different =
                errors.stream().map(ApiError::toString).distinct().toList();
        String shown = different.stream().limit(MAX_LISTED).collect(Collectors.joining("; "));
        int more = different.size() - MAX_LISTED;
        return more > 0 ? shown + "; and " + more + " more" : shown;
    }

    private static String compose(
            int status, String method, String path, List<ApiError> errors, boolean unreadableSuccess) {
        String advice = unreadableSuccess
                ? "CertCentral's answer could not be read, so it is unknown what it did."
                : ErrorAdvice.sentence(status, path, errors);
        String said = listed(errors);
        if (status == NO_RESPONSE) {
            return advice + " (" + method + " " + path + ": " + said + ")";
        }
        return advice + " (DigiCert answered HTTP " + status + " to " + method + " " + path + ": " + said + ")";
    }
}
