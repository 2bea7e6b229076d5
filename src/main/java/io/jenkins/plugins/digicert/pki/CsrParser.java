package io.jenkins.plugins.digicert.pki;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads a CSR file and checks what DigiCert would check, so that a bad file fails the build before anything
 * is sent. Messages name the file's problem but never echo its content (it might be a private key).
 */
public final class CsrParser {

    /** A CSR is about 1 KiB; anything far larger is the wrong file. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final int MIN_RSA_BITS = 2048;

    private CsrParser() {}

    public static CertificateRequest parse(byte[] content) throws CsrException {
        if (content.length == 0) {
            throw new CsrException("The CSR file is empty. Generate a CSR, for example with "
                    + "'openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out server.csr'.");
        }
        if (content.length > MAX_BYTES) {
            throw new CsrException("The CSR file has " + content.length + " bytes, more than the " + MAX_BYTES
                    + " a CSR can have. Check that csrFile names the CSR (usually a .csr file of about 1 KiB).");
        }
        String text = Pem.normalize(Pem.decodeUtf8(content));
        List<PemObject> blocks = readBlocks(text, content);
        PemObject csrBlock = pickCsrBlock(blocks);
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(csrBlock.getContent());
        } catch (IOException | RuntimeException e) {
            throw new CsrException("The CSR block could not be decoded as a PKCS#10 certificate request. "
                    + "Generate the CSR again; the file may have been cut or edited.");
        }
        String algorithm = checkKey(csr.getSubjectPublicKeyInfo());
        checkSignature(csr);
        byte[] der = csrBlock.getContent();
        try {
            return new CertificateRequest(
                    Pem.encode("CERTIFICATE REQUEST", der),
                    der,
                    csr.getSubjectPublicKeyInfo().getEncoded(),
                    algorithm,
                    commonName(csr),
                    dnsNames(csr));
        } catch (IOException e) {
            throw new CsrException("The CSR's public key could not be encoded.", e);
        }
    }

    private static List<PemObject> readBlocks(String text, byte[] content) throws CsrException {
        if (!text.contains("-----BEGIN ")) {
            if ((content[0] & 0xff) == 0x30) {
                throw new CsrException("The CSR file is binary (DER), not PEM. Convert it with "
                        + "'openssl req -inform DER -in server.der -out server.csr'.");
            }
            throw new CsrException("The CSR file is not PEM: it has no '-----BEGIN CERTIFICATE REQUEST-----' line.");
        }
        List<PemObject> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (PemObject block = parser.readPemObject(); block != null; block = parser.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new CsrException("The CSR file's PEM text is damaged (bad base64 or a missing END line). "
                    + "Generate the CSR again or copy it whole.");
        }
        if (blocks.isEmpty()) {
            throw new CsrException("The CSR file's PEM block has no matching END line. Copy the CSR whole.");
        }
        return blocks;
    }

    private static PemObject pickCsrBlock(List<PemObject> blocks) throws CsrException {
        PemObject csr = null;
        for (PemObject block : blocks) {
            String type = block.getType();
            if (type.contains("PRIVATE KEY")) {
                throw new CsrException("The CSR file contains a private key (" + type + "). Point csrFile at the "
                        + "certificate signing request and keep the private key in a file of its own; it must never "
                        + "be sent anywhere.");
            }
            if (type.equals("CERTIFICATE REQUEST") || type.equals("NEW CERTIFICATE REQUEST")) {
                if (csr != null) {
                    throw new CsrException("The CSR file contains more than one certificate request; keep one.");
                }
                csr = block;
            }
        }
        if (csr == null) {
            String type = blocks.get(0).getType();
            if (type.contains("CERTIFICATE")) {
                throw new CsrException("The CSR file contains a certificate (" + type + "), not a certificate "
                        + "signing request. Point csrFile at the .csr file.");
            }
            throw new CsrException(
                    "The CSR file contains a " + type + " block, not a CERTIFICATE REQUEST. Point csrFile at the CSR.");
        }
        return csr;
    }

    private static String checkKey(SubjectPublicKeyInfo keyInfo) throws CsrException {
        ASN1ObjectIdentifier algorithm = keyInfo.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits = rsaBits(keyInfo);
            if (bits < MIN_RSA_BITS) {
                throw new CsrException("The CSR's RSA key has " + bits + " bits; DigiCert requires at least "
                        + MIN_RSA_BITS + ". Generate a new key and CSR with 'openssl req -new -newkey rsa:2048 ...'.");
            }
            return "RSA " + bits;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            ASN1Encodable parameters = keyInfo.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
                return "EC P-256";
            }
            if (SECObjectIdentifiers.secp384r1.equals(parameters)) {
                return "EC P-384";
            }
            throw new CsrException("The CSR's EC key is on a curve DigiCert does not issue for (" + parameters
                    + "). Use P-256 or P-384 ('openssl ecparam -name prime256v1').");
        }
        throw new CsrException("The CSR's key type (" + algorithm
                + ") is not supported. Use RSA with at least 2048 bits, or EC P-256 or P-384.");
    }

    private static int rsaBits(SubjectPublicKeyInfo keyInfo) throws CsrException {
        try {
            RSAPublicKey key = (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(keyInfo.getEncoded()));
            BigInteger modulus = key.getModulus();
            return modulus.bitLength();
        } catch (GeneralSecurityException | IOException e) {
            throw new CsrException("The CSR's RSA public key cannot be read; generate the CSR again.", e);
        }
    }

    private static void checkSignature(PKCS10CertificationRequest csr) throws CsrException {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new CsrException("The CSR's signature does not verify with its own public key: the file was "
                    + "altered after it was made. Generate the CSR again.");
        }
    }

    private static String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 0
                ? null
                : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static List<String> dnsNames(PKCS10CertificationRequest csr) throws CsrException {
        List<String> names = new ArrayList<>();
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttributeValues()) {
                    GeneralNames sans = GeneralNames.fromExtensions(
                            Extensions.getInstance(value), Extension.subjectAlternativeName);
                    if (sans == null) {
                        continue;
                    }
                    for (GeneralName name : sans.getNames()) {
                        if (name.getTagNo() == GeneralName.dNSName) {
                            names.add(name.getName().toString().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // Bouncy Castle's getInstance methods refuse a value of the wrong ASN.1 type this way.
            throw new CsrException("The CSR's requested extensions, where its DNS names (SANs) are, cannot be read. "
                    + "Generate the CSR again with a standard tool such as openssl.");
        }
        return names;
    }
}
