package io.jenkins.plugins.digicert.certcentral;

/** The two hosts of the CertCentral Services API. There are no others. */
public enum Region {
    US("https://www.digicert.com/services/v2/"),
    EU("https://certcentral.digicert.eu/services/v2/");

    private final String baseUrl;

    Region(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }
}
