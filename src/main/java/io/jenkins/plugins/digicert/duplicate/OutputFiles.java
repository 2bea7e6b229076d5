package io.jenkins.plugins.digicert.duplicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.digicert.pki.CertificateChain;
import io.jenkins.plugins.digicert.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a duplicate produces, by fixed names that never come from server data: certificate.pem (leaf),
 * chain.pem (intermediates), fullchain.pem (leaf and intermediates), root.pem (when the chain has one) and
 * duplicate.json (the result).
 */
public final class OutputFiles {

    public static final String CERTIFICATE = "certificate.pem";
    public static final String CHAIN = "chain.pem";
    public static final String FULLCHAIN = "fullchain.pem";
    public static final String ROOT = "root.pem";
    public static final String SUMMARY = "duplicate.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, byte[]> contents;

    private OutputFiles(Map<String, byte[]> contents) {
        this.contents = contents;
    }

    /** The certificate files of a chain, in the order they are listed; the summary is added by {@link #with}. */
    static List<String> namesFor(CertificateChain chain) {
        List<String> names = new ArrayList<>();
        names.add(CERTIFICATE);
        if (!chain.intermediates().isEmpty()) {
            names.add(CHAIN);
        }
        names.add(FULLCHAIN);
        if (chain.root().isPresent()) {
            names.add(ROOT);
        }
        names.add(SUMMARY);
        return names;
    }

    static OutputFiles with(CertificateChain chain, DuplicateResult result) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (chain != null) {
            List<X509Certificate> fullchain = new ArrayList<>();
            fullchain.add(chain.leaf());
            fullchain.addAll(chain.intermediates());
            files.put(CERTIFICATE, ascii(Pem.certificate(chain.leaf())));
            if (!chain.intermediates().isEmpty()) {
                files.put(CHAIN, ascii(Pem.certificates(chain.intermediates())));
            }
            files.put(FULLCHAIN, ascii(Pem.certificates(fullchain)));
            chain.root().ifPresent(root -> files.put(ROOT, ascii(Pem.certificate(root))));
        }
        try {
            files.put(SUMMARY, JSON.writeValueAsBytes(result.toMap()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The result could not be written as JSON", e);
        }
        return new OutputFiles(Collections.unmodifiableMap(files));
    }

    /** File name to content, in a stable order. */
    public Map<String, byte[]> contents() {
        return contents;
    }

    public List<String> names() {
        return List.copyOf(contents.keySet());
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
