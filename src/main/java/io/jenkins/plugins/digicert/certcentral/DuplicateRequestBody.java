package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /order/certificate/{order_id}/duplicate}, exactly as documented. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DuplicateRequestBody(Certificate certificate) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Certificate(
            @JsonProperty("common_name") String commonName,
            @JsonProperty("dns_names") List<String> dnsNames,
            @JsonProperty("csr") String csr,
            @JsonProperty("server_platform") ServerPlatform serverPlatform,
            @JsonProperty("signature_hash") String signatureHash,
            @JsonProperty("ca_cert_id") String caCertId) {

        public Certificate {
            dnsNames = dnsNames == null || dnsNames.isEmpty() ? null : List.copyOf(dnsNames);
        }
    }

    public record ServerPlatform(@JsonProperty("id") int id) {}
}
