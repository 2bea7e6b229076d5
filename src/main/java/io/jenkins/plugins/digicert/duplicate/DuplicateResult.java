package io.jenkins.plugins.digicert.duplicate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a duplicate produced, in plain values: what the step returns and what {@code duplicate.json} holds.
 * Certificate facts are null while the duplicate is pending.
 *
 * @param status {@code issued}, or {@code pending} when the step did not wait
 * @param files the names of the files written, relative to the output directory
 * @param reused whether the certificate is an earlier duplicate of the same key, reused instead of a new request
 */
public record DuplicateResult(
        long orderId,
        List<Long> requestIds,
        Long certificateId,
        String status,
        String commonName,
        List<String> dnsNames,
        String serialNumber,
        String sha256Fingerprint,
        String notBefore,
        String notAfter,
        List<String> files,
        List<String> warnings,
        boolean reused) {

    public static final String ISSUED = "issued";
    public static final String PENDING = "pending";

    public DuplicateResult {
        requestIds = List.copyOf(requestIds);
        dnsNames = List.copyOf(dnsNames);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    public boolean issued() {
        return ISSUED.equals(status);
    }

    /** Every text passed through the mask: names and warnings can quote what a server sent. */
    public DuplicateResult masked(UnaryOperator<String> mask) {
        return new DuplicateResult(
                orderId,
                requestIds,
                certificateId,
                status,
                mask.apply(commonName),
                dnsNames.stream().map(mask).toList(),
                mask.apply(serialNumber),
                mask.apply(sha256Fingerprint),
                mask.apply(notBefore),
                mask.apply(notAfter),
                files.stream().map(mask).toList(),
                warnings.stream().map(mask).toList(),
                reused);
    }

    /** The values as a map of strings, numbers and lists, friendly to Groovy and to JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("orderId", orderId);
        map.put("requestIds", requestIds);
        map.put("certificateId", certificateId);
        map.put("status", status);
        map.put("commonName", commonName);
        map.put("dnsNames", dnsNames);
        map.put("serialNumber", serialNumber);
        map.put("sha256Fingerprint", sha256Fingerprint);
        map.put("notBefore", notBefore);
        map.put("notAfter", notAfter);
        map.put("files", files);
        map.put("warnings", warnings);
        map.put("reused", reused);
        return map;
    }
}
