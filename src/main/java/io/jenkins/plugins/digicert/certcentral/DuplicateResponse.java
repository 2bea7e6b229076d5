package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The 201 answer to a duplicate request, in either shape: pending ({@code id} and {@code requests}) or issued
 * (also {@code certificate_id} and {@code certificate_chain}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DuplicateResponse(
        @JsonProperty("id") long orderId,
        @JsonProperty("requests") List<RequestRef> requests,
        @JsonProperty("certificate_id") Long certificateId,
        @JsonProperty("certificate_chain") List<ChainEntry> certificateChain) {

    public DuplicateResponse {
        requests = requests == null ? List.of() : List.copyOf(requests);
        certificateChain = certificateChain == null ? List.of() : List.copyOf(certificateChain);
    }

    public boolean issued() {
        return certificateId != null && !certificateChain.isEmpty();
    }

    public Optional<Long> firstRequestId() {
        return requests.stream().map(RequestRef::id).findFirst();
    }

    public List<Long> requestIds() {
        return requests.stream().map(RequestRef::id).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestRef(
            @JsonProperty("id") long id,
            @JsonProperty("status") String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChainEntry(
            @JsonProperty("subject_common_name") String subjectCommonName,
            @JsonProperty("pem") String pem) {}
}
