package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.certcentral.DuplicateResponse;
import java.util.List;

/**
 * Where a duplicate stands after it was sent: issued with its chain, issued as a certificate id to download,
 * or pending.
 */
record Submission(List<Long> requestIds, Long certificateId, List<String> chainPems) {

    static Submission of(DuplicateResponse response) {
        List<String> pems = response.issued()
                ? response.certificateChain().stream()
                        .map(DuplicateResponse.ChainEntry::pem)
                        .toList()
                : List.of();
        return new Submission(response.requestIds(), response.issued() ? response.certificateId() : null, pems);
    }

    /** Found in the order's duplicate list after an unclear answer: no request id is known. */
    static Submission of(DuplicateListing.Item item) {
        return new Submission(List.of(), item.issued() ? item.id() : null, List.of());
    }

    boolean hasChain() {
        return !chainPems.isEmpty();
    }

    boolean pending() {
        return certificateId == null;
    }

    String requestLabel() {
        return requestIds.isEmpty() ? "(unknown)" : String.valueOf(requestIds.get(0));
    }
}
