package io.jenkins.plugins.digicert.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CertCentral calls the simulator serves, each with its method and path (below the base URL). */
public enum Endpoint {
    SUBMIT_DUPLICATE("POST", "order/certificate/(\\d+)/duplicate"),
    ORDER_DETAILS("GET", "order/certificate/(\\d+)"),
    REQUEST_DETAILS("GET", "request/(\\d+)"),
    LIST_DUPLICATES("GET", "order/certificate/(\\d+)/duplicate"),
    DOWNLOAD_CERTIFICATE("GET", "certificate/(\\d+)/download/format/pem_all");

    private final String method;
    private final Pattern path;

    Endpoint(String method, String path) {
        this.method = method;
        this.path = Pattern.compile(path);
    }

    /** The id in the path, or -1 when this endpoint does not serve the call. */
    long match(String requestMethod, String relativePath) {
        if (!method.equals(requestMethod)) {
            return -1;
        }
        Matcher matcher = path.matcher(relativePath);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
