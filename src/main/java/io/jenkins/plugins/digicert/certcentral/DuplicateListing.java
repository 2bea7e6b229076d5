package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /order/certificate/{order_id}/duplicate}: the order's duplicates, sometimes with its primary. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DuplicateListing(@JsonProperty("certificates") List<Item> certificates) {

    public DuplicateListing {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            @JsonProperty("id") long id,
            @JsonProperty("serial_number") String serialNumber,
            @JsonProperty("common_name") String commonName,
            @JsonProperty("status") String status,
            @JsonProperty("date_created") String dateCreated,
            @JsonProperty("valid_till") String validTill,
            @JsonProperty("csr") String csr) {

        public boolean issued() {
            return "issued".equalsIgnoreCase(status) || "approved".equalsIgnoreCase(status);
        }

        public boolean rejected() {
            return "rejected".equalsIgnoreCase(status);
        }
    }
}
