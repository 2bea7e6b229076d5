package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleProject;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The forms as a browser gets them: labels as written, and help that resolves. */
@WithJenkins
class DigicertFormRenderingTest {

    /** The fields of the step's form, which the freestyle builder shows too (f:property). */
    private static final List<String> FIELDS = List.of(
            "credentialsId",
            "orderId",
            "csrFile",
            "signatureHash",
            "commonName",
            "dnsNames",
            "serverPlatformId",
            "caCertId",
            "outputDir",
            "archive",
            "waitForIssuance",
            "timeoutMinutes",
            "requestId");

    private static final List<String> CHECKBOXES = List.of("archive", "waitForIssuance");

    @Test
    void freestyleFormShowsTheStepsLabelsAndHelp(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("p");
        project.getBuildersList()
                .add(new DigicertDuplicateBuilder(
                        new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr")));
        JenkinsRule.WebClient wc = j.createWebClient();

        HtmlPage page = wc.getPage(project, "configure");

        List<String> labels = labels(page);
        assertThat(labels, hasItem(containsString("Order number")));
        assertThat(labels, hasItem(containsString("Wait at most, in minutes")));
        assertThat(labels, not(hasItem(containsString("Wait at most (in minutes)"))));

        // The builder shows the step's form: its fields are checked by the step's descriptor...
        String html = page.getWebResponse().getContentAsString();
        assertThat(html, containsString(stepCheck("orderId")));
        assertThat(html, containsString(stepCheck("csrFile")));
        // ...and its titled fields point to the step's help files...
        for (String field : FIELDS) {
            if (CHECKBOXES.contains(field)) {
                continue; // an untitled entry: where its help link goes is up to the core's checkbox
            }
            assertThat(html, containsString(stepHelp(field)));
        }
        // ...and those resolve.
        for (String field : FIELDS) {
            Page help = wc.goTo(stepHelp(field).substring(1), null);
            assertEquals(200, help.getWebResponse().getStatusCode(), field);
        }
        Page orderIdHelp = wc.goTo(stepHelp("orderId").substring(1), null);
        assertThat(orderIdHelp.getWebResponse().getContentAsString(), containsString("Order #"));
    }

    @Test
    void advancedIsMarkedEditedOnlyWhenAnAdvancedFieldDiffersFromItsDefault(JenkinsRule j) throws Exception {
        DigicertDuplicateStep defaults = new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr");
        assertEquals(List.of(), editedFields(j, "defaults", defaults), "a step saved with the defaults");

        // A job written as XML with only the required elements (REST API, Job DSL), as the README shows.
        FreeStyleProject fromXml = (FreeStyleProject) j.jenkins.createProjectFromXML(
                "from-xml",
                new java.io.ByteArrayInputStream(("<project><builders>"
                                + "<io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder><step>"
                                + "<credentialsId>digicert-api-key</credentialsId><orderId>1234567</orderId>"
                                + "<csrFile>tls/server.csr</csrFile></step>"
                                + "</io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder>"
                                + "</builders></project>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of(), editedFields(j, fromXml), "XML without the optional elements");

        DigicertDuplicateStep notArchived = new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr");
        notArchived.setArchive(false);
        assertEquals(List.of("_.archive"), editedFields(j, "not-archived", notArchived));

        DigicertDuplicateStep elsewhere = new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr");
        elsewhere.setOutputDir("certs");
        elsewhere.setWaitForIssuance(false);
        assertEquals(List.of("_.outputDir", "_.waitForIssuance"), editedFields(j, "elsewhere", elsewhere));
    }

    private static List<String> editedFields(JenkinsRule j, String name, DigicertDuplicateStep step) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject(name);
        project.getBuildersList().add(new DigicertDuplicateBuilder(step));
        return editedFields(j, project);
    }

    /**
     * The fields f:advanced names as edited, and whether the page shows its "Edited" badge: advanced.js shows the
     * badge for the section exactly when f:advanced wrote that list.
     */
    private static List<String> editedFields(JenkinsRule j, FreeStyleProject project) throws Exception {
        HtmlPage page = j.createWebClient().getPage(project, "configure");
        List<String> fields = new ArrayList<>();
        for (DomNode info : page.querySelectorAll(".advanced-customized-fields-info")) {
            String list = ((org.htmlunit.html.DomElement) info).getAttribute("data-customized-fields");
            for (String field : list.replaceAll("[\\[\\]]", "").split(",")) {
                fields.add(field.strip());
            }
        }
        int shown = 0;
        for (DomNode badge : page.querySelectorAll(".jenkins-edited-section-label")) {
            String classes = ((org.htmlunit.html.DomElement) badge).getAttribute("class");
            if (!classes.contains("jenkins-hidden")) {
                shown++;
            }
        }
        assertEquals(fields.isEmpty() ? 0 : 1, shown, "badges shown for " + fields);
        return fields;
    }

    @Test
    void globalConfigurationShowsItsLabels(JenkinsRule j) throws Exception {
        HtmlPage page = j.createWebClient().goTo("configure");

        List<String> labels = labels(page);
        for (String label : List.of(
                "Region",
                "Custom API base URL",
                "Connect timeout, in seconds",
                "Read timeout, in seconds",
                "Default wait for issuance, in minutes",
                "First status check after, in seconds",
                "Longest interval between checks, in seconds")) {
            assertThat(labels, hasItem(containsString(label)));
        }
    }

    /** The check URL the form renders for a field of the step (Descriptor#getCheckUrl, relative to the job). */
    private static String stepCheck(String field) {
        return "descriptorByName/" + DigicertDuplicateStep.class.getName() + "/check"
                + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    /** The help URL the form renders for a field of the step (Descriptor#getHelpFile: /descriptor/ID/help/FIELD). */
    private static String stepHelp(String field) {
        return "/descriptor/" + DigicertDuplicateStep.class.getName() + "/help/" + field;
    }

    /** The texts of the entries' labels (f:entry renders its title in an element of class jenkins-form-label). */
    private static List<String> labels(HtmlPage page) {
        List<String> labels = new ArrayList<>();
        for (DomNode label : page.querySelectorAll(".jenkins-form-label")) {
            labels.add(label.getTextContent().replaceAll("\\s+", " ").strip());
        }
        return labels;
    }
}
