package io.jenkins.plugins.digicert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The two builds must test the same libraries: pom-core.xml pins what pom.xml's enforcer rule demands of the API
 * plugins in the BOM. Both builds run this test from the project directory.
 */
class LibraryVersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"okhttp.version", "jackson.version", "bouncycastle.version"})
    void bothBuildsPinTheSameVersion(String property) throws Exception {
        String plugin = property(Path.of("pom.xml"), property);
        String core = property(Path.of("pom-core.xml"), property);

        assertFalse(plugin.isBlank(), property + " is missing from pom.xml");
        assertEquals(plugin, core, property + " differs between pom.xml and pom-core.xml");
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
