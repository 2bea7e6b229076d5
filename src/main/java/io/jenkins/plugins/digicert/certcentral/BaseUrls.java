package io.jenkins.plugins.digicert.certcentral;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/** Checks a custom API base URL: HTTPS, or plain HTTP to this machine only (a simulator in tests). */
public final class BaseUrls {

    private BaseUrls() {}

    public static HttpUrl parse(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new IllegalArgumentException(
                    "'" + url + "' is not an http(s) URL. Use e.g. https://www.digicert.com/services/v2");
        }
        if (parsed.username().length() > 0 || parsed.password().length() > 0) {
            throw new IllegalArgumentException("The CertCentral URL must not contain a user name or password.");
        }
        if (!parsed.isHttps() && !isLoopback(parsed.host())) {
            throw new IllegalArgumentException("The CertCentral URL must use https: the API key travels in a header. "
                    + "Plain http is accepted only for localhost (a simulator).");
        }
        if (parsed.query() != null || parsed.fragment() != null) {
            throw new IllegalArgumentException("The CertCentral URL must not have a query or a fragment.");
        }
        String text = parsed.toString();
        return text.endsWith("/") ? parsed : HttpUrl.get(text + "/");
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve a name here: resolving is slow and can be steered by DNS
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
