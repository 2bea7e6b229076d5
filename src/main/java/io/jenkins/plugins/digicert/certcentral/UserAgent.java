package io.jenkins.plugins.digicert.certcentral;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code digicert-duplicate-plugin/<version>}: the version comes from a resource both builds filter. */
final class UserAgent {

    static final String VALUE =
            "digicert-duplicate-plugin/" + version() + " (Jenkins; +https://plugins.jenkins.io/digicert-duplicate)";

    private UserAgent() {}

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("client.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
