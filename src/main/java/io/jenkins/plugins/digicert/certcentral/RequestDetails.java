package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /request/{request_id}}: the request's type and status (submitted, pending, approved, rejected). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestDetails(
        @JsonProperty("id") long id,
        @JsonProperty("type") String type,
        @JsonProperty("status") String status) {

    public boolean approved() {
        return "approved".equalsIgnoreCase(status);
    }

    public boolean rejected() {
        return "rejected".equalsIgnoreCase(status);
    }
}
