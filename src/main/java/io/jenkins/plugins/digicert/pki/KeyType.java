package io.jenkins.plugins.digicert.pki;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The key pairs the step can make for a duplicate: the RSA sizes and EC curves DigiCert accepts for public TLS
 * (RSA at least 2048 bits; EC P-256 and P-384), with the signature each CSR is signed with.
 */
public enum KeyType {
    RSA_2048("RSA-2048", "RSA 2048", "RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA-3072", "RSA 3072", "RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("RSA-4096", "RSA 4096", "RSA", 4096, null, "SHA256withRSA"),
    EC_P256("EC-P256", "EC P-256", "EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC-P384", "EC P-384", "EC", 384, "secp384r1", "SHA384withECDSA");

    /** What the form offers first: the widest accepted by servers and clients alike. */
    public static final KeyType DEFAULT = RSA_2048;

    private final String id;
    private final String label;
    private final String algorithm;
    private final int bits;
    private final String curve;
    private final String signature;

    KeyType(String id, String label, String algorithm, int bits, String curve, String signature) {
        this.id = id;
        this.label = label;
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
        this.signature = signature;
    }

    /** As the step takes it: {@code RSA-2048}, {@code EC-P256}, ... */
    public String id() {
        return id;
    }

    /** As the form shows it. */
    public String label() {
        return label;
    }

    String algorithm() {
        return algorithm;
    }

    int bits() {
        return bits;
    }

    Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    String signature() {
        return signature;
    }

    /** The key type with this id, in any case; empty when there is none. */
    public static Optional<KeyType> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.id.equals(wanted)).findFirst();
    }

    /** The ids, for messages: {@code RSA-2048, RSA-3072, RSA-4096, EC-P256, EC-P384}. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(KeyType::id).toList());
    }
}
