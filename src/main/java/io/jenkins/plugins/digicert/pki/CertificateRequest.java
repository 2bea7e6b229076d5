package io.jenkins.plugins.digicert.pki;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A checked PKCS#10 request: its canonical PEM, its public key and the names it asks for. */
public final class CertificateRequest {

    private final String pem;
    private final byte[] der;
    private final byte[] publicKeyInfo;
    private final String algorithm;
    private final String commonName;
    private final List<String> dnsNames;

    CertificateRequest(
            String pem, byte[] der, byte[] publicKeyInfo, String algorithm, String commonName, List<String> dnsNames) {
        this.pem = pem;
        this.der = der.clone();
        this.publicKeyInfo = publicKeyInfo.clone();
        this.algorithm = algorithm;
        this.commonName = commonName;
        this.dnsNames = List.copyOf(dnsNames);
    }

    /** The CSR as sent to DigiCert: PEM with header and footer, LF line ends. */
    public String pem() {
        return pem;
    }

    public byte[] der() {
        return der.clone();
    }

    /** The DER-encoded SubjectPublicKeyInfo, which identifies the issued certificate among others. */
    public byte[] publicKeyInfo() {
        return publicKeyInfo.clone();
    }

    public boolean hasPublicKey(byte[] otherPublicKeyInfo) {
        return Arrays.equals(publicKeyInfo, otherPublicKeyInfo);
    }

    /** For example {@code RSA 2048} or {@code EC P-256}. */
    public String algorithm() {
        return algorithm;
    }

    public Optional<String> commonName() {
        return Optional.ofNullable(commonName);
    }

    public List<String> dnsNames() {
        return dnsNames;
    }

    @Override
    public String toString() {
        return "CertificateRequest[" + algorithm + ", CN=" + commonName + ", SANs=" + dnsNames + "]";
    }
}
