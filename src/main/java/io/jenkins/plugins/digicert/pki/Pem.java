package io.jenkins.plugins.digicert.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text in the one canonical form the plugin writes and sends: LF line endings, 64-column base64. */
public final class Pem {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate could not be encoded again", e);
        }
    }

    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(certificate(certificate));
        }
        return out.toString();
    }

    /**
     * Undoes what transports do to PEM text: a byte order mark, CRLF or CR line ends, JSON-escaped slashes,
     * and indentation.
     */
    public static String normalize(String text) {
        String s = text;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        s = s.replace("\\/", "/").replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                out.append(trimmed).append('\n');
            }
        }
        return out.toString();
    }

    public static String decodeUtf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
