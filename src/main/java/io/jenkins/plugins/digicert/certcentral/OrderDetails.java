package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The parts of {@code GET /order/certificate/{order_id}} that a duplicate needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderDetails(
        @JsonProperty("id") long id,
        @JsonProperty("status") String status,
        @JsonProperty("certificate") Certificate certificate,
        @JsonProperty("product") Product product) {

    public OrderDetails {
        certificate = certificate == null ? new Certificate(null, null, List.of(), null, null) : certificate;
        product = product == null ? new Product(null, null, null) : product;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Certificate(
            @JsonProperty("id") Long id,
            @JsonProperty("common_name") String commonName,
            @JsonProperty("dns_names") List<String> dnsNames,
            @JsonProperty("signature_hash") String signatureHash,
            @JsonProperty("valid_till") String validTill) {

        public Certificate {
            dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Product(
            @JsonProperty("name_id") String nameId,
            @JsonProperty("name") String name,
            @JsonProperty("type") String type) {}
}
