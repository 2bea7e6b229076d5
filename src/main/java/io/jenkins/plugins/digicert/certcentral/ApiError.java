package io.jenkins.plugins.digicert.certcentral;

/** One entry of CertCentral's {@code errors} list. */
public record ApiError(String code, String message) {

    @Override
    public String toString() {
        if (code.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? code : code + ": " + message;
    }
}
