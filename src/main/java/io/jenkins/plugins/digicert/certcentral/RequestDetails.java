package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /request/{request_id}}: the request's type (new_request, revoke, duplicate, reissue), its status
 * (submitted, pending, approved, rejected) and, where CertCentral sends it, {@code date}: when it was made, by
 * DigiCert's clock.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestDetails(long id, String type, String status, String date) {

    @JsonCreator
    public RequestDetails(
            @JsonProperty("id") long id,
            @JsonProperty("type") String type,
            @JsonProperty("status") String status,
            @JsonProperty("date") String date) {
        this.id = id;
        this.type = type;
        this.status = status;
        this.date = date;
    }

    public RequestDetails(long id, String type, String status) {
        this(id, type, status, null);
    }

    public boolean approved() {
        return "approved".equalsIgnoreCase(status);
    }

    public boolean rejected() {
        return "rejected".equalsIgnoreCase(status);
    }

    /** Whether CertCentral says it is some other kind of request than a duplicate (no type: not known). */
    public boolean otherThanDuplicate() {
        return type != null && !type.isBlank() && !"duplicate".equalsIgnoreCase(type.strip());
    }

    /** When it was made, by DigiCert's clock; empty when the answer has no readable date. */
    public Optional<Instant> created() {
        return CertCentralDates.parse(date);
    }
}
