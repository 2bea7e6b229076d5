package io.jenkins.plugins.digicert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering that lets the core be built and tested without Jenkins: the core never uses Jenkins, the HTTP client
 * knows nothing of the duplicate workflow, the certificate checks know neither, and workspace file access (which
 * runs on agents) knows none of them.
 */
class ArchitectureTest {

    private static final String ROOT = "io.jenkins.plugins.digicert";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theCoreNeverUsesJenkins() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".jenkins..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "hudson..",
                        "jenkins..",
                        "org.jenkinsci..",
                        "org.kohsuke.stapler..",
                        "com.cloudbees..",
                        ROOT + ".jenkins..")
                .check(core);
    }

    @Test
    void theClientKnowsNothingOfTheWorkflow() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".certcentral..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".duplicate..", ROOT + ".jenkins..")
                .check(core);
    }

    @Test
    void theCertificateChecksKnowNeitherTheClientNorTheWorkflow() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".pki..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".certcentral..", ROOT + ".duplicate..", ROOT + ".jenkins..")
                .check(core);
    }

    @Test
    void workspaceFileAccessKnowsNoneOfTheOthers() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".workspace..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".certcentral..", ROOT + ".pki..", ROOT + ".duplicate..", ROOT + ".jenkins..")
                .check(core);
    }

    @Test
    void theRulesSeeTheCore() {
        // A rule over an empty import passes whatever it says: make sure the packages were found.
        org.junit.jupiter.api.Assertions.assertTrue(
                core.containPackage(ROOT + ".certcentral")
                        && core.containPackage(ROOT + ".pki")
                        && core.containPackage(ROOT + ".workspace"),
                "the core packages were not imported");
    }
}
