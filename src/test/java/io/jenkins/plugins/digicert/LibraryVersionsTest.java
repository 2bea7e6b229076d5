package io.jenkins.plugins.digicert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.OkHttpClient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The two builds must test the same libraries. pom.xml names the versions the API plugins ship; pom-core.xml must
 * pin the same, and whichever build runs this test must have them on its classpath: in the plugin build that is
 * what the BOM's API plugins bring, in the core build what pom-core.xml pins. Both builds run it from the project
 * directory.
 *
 * <p>In the plugin build a difference on the classpath is reported, not failed: an API plugin's patch release must not
 * stop the build (the enforcer rule in pom.xml reports it too). In the core build the pins must have taken effect.
 */
class LibraryVersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"okhttp.version", "jackson.version", "bouncycastle.version", "bouncycastle.bcprov.version"})
    void bothBuildsPinTheSameVersion(String property) throws Exception {
        String plugin = property(Path.of("pom.xml"), property);
        String core = property(Path.of("pom-core.xml"), property);

        assertFalse(plugin.isBlank(), property + " is missing from pom.xml");
        assertEquals(plugin, core, property + " differs between pom.xml and pom-core.xml");
    }

    static Stream<Arguments> jars() {
        return Stream.of(
                arguments("okhttp.version", OkHttpClient.class),
                arguments("jackson.version", ObjectMapper.class),
                arguments("bouncycastle.version", PKCS10CertificationRequest.class),
                arguments("bouncycastle.bcprov.version", BouncyCastleProvider.class));
    }

    @ParameterizedTest
    @MethodSource("jars")
    void theClasspathHasThatVersion(String property, Class<?> type) throws Exception {
        String pinned = property(Path.of("pom.xml"), property);
        String found = bundleVersion(type);
        if (inThePluginBuild()) {
            if (!pinned.equals(found)) {
                System.out.println("WARNING: " + type.getName() + " comes in version " + found + " from the BOM's API "
                        + "plugins; pom.xml and pom-core.xml pin " + property + " " + pinned
                        + ", so the core build tests another version.");
            }
        } else {
            assertEquals(pinned, found, type.getName() + "'s jar");
        }
    }

    /** Jenkins core is on the test classpath of the plugin build only. */
    private static boolean inThePluginBuild() {
        try {
            Class.forName("jenkins.model.Jenkins", false, LibraryVersionsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The OSGi version in the manifest of the jar that holds the class: the one version all three libraries set. */
    private static String bundleVersion(Class<?> type) throws IOException, URISyntaxException {
        Path jar =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertFalse(Files.isDirectory(jar), type.getName() + " is not loaded from a jar but from " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    private static String property(Path pom, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("properties")) {
                for (Node p = element.getFirstChild(); p != null; p = p.getNextSibling()) {
                    if (p instanceof Element value && value.getTagName().equals(name)) {
                        return value.getTextContent().strip();
                    }
                }
            }
        }
        return "";
    }
}
