package io.jenkins.plugins.digicert.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Real key pairs for tests; RSA generation is slow, so a few are made once and shared. */
public final class TestKeys {

    private static final KeyPair[] RSA_POOL = new KeyPair[4];
    private static int next;
    private static final Object POOL_LOCK = new Object();

    private TestKeys() {}

    /** A 2048-bit RSA key pair, from a small pool: tests that need distinct keys take {@link #freshRsa}. */
    public static KeyPair rsa2048() {
        synchronized (POOL_LOCK) {
            int slot = next++ % RSA_POOL.length;
            if (RSA_POOL[slot] == null) {
                RSA_POOL[slot] = rsa(2048);
            }
            return RSA_POOL[slot];
        }
    }

    public static KeyPair freshRsa() {
        return rsa(2048);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC key pair on a named curve such as secp256r1, secp384r1 or secp521r1. */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
