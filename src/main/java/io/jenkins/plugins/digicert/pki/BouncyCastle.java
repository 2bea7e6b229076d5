package io.jenkins.plugins.digicert.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One Bouncy Castle provider instance, used explicitly rather than registered globally, so that the plugin
 * does not change the JVM's provider list (in Jenkins, bouncycastle-api owns that).
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {}
}
