package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle build step holds a {@link DigicertDuplicateStep}: its form is the step's, submitted as the nested
 * {@code step} object, and the job's config.xml saves the step inside the builder.
 */
@WithJenkins
class DigicertDuplicateBuilderTest {

    @Test
    void configRoundtripKeepsEveryField(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder before = new DigicertDuplicateBuilder(JenkinsTestSupport.everyField());

        DigicertDuplicateBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertNotSame(before.getStep(), after.getStep(), "the form built a new step");
        assertThat(after.getStep().getDnsNames(), contains("www.example.com", "api.example.com"));
        assertThat(after.getStep().isArchive(), is(false));
        assertThat(after.getStep().isWaitForIssuance(), is(false));
        assertThat(after.getStep().getTimeoutMinutes(), is(30));
        assertThat(after.getStep().getRequestId(), is("98765432"));
    }

    @Test
    void configRoundtripKeepsDefaults(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder before = new DigicertDuplicateBuilder(
                new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr"));

        DigicertDuplicateBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getStep().getSignatureHash(), is("sha256"));
        assertThat(after.getStep().getOutputDir(), is("digicert"));
        assertThat(after.getStep().isArchive(), is(true));
        assertThat(after.getStep().isWaitForIssuance(), is(true));
        assertThat(after.getStep().getDnsNames(), nullValue());
    }

    /** The text fields keep build variables as typed: the build expands them. */
    @Test
    void configRoundtripKeepsBuildVariables(JenkinsRule j) throws Exception {
        DigicertDuplicateStep step = new DigicertDuplicateStep("digicert-api-key", "${ORDER_ID}", "tls/${HOST}.csr");
        step.setOutputDir("certs/${BUILD_NUMBER}");

        DigicertDuplicateBuilder after = j.configRoundtrip(new DigicertDuplicateBuilder(step));

        assertThat(after.getStep().getOrderId(), is("${ORDER_ID}"));
        assertThat(after.getStep().getCsrFile(), is("tls/${HOST}.csr"));
        assertThat(after.getStep().getOutputDir(), is("certs/${BUILD_NUMBER}"));
    }

    @Test
    void theJobSavesTheStepInsideTheBuilderAndLoadsIt(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder before = new DigicertDuplicateBuilder(JenkinsTestSupport.everyField());
        FreeStyleProject project = j.createFreeStyleProject("p");
        project.getBuildersList().add(before);
        project.save();

        String xml = project.getConfigFile().asString();
        assertThat(xml, containsString("<io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder"));
        assertThat(xml, containsString("<step>"));
        assertThat(xml, containsString("<orderId>1234567</orderId>"));

        j.jenkins.reload();
        FreeStyleProject reloaded = j.jenkins.getItemByFullName("p", FreeStyleProject.class);
        assertNotNull(reloaded);
        DigicertDuplicateBuilder loaded = reloaded.getBuildersList().get(DigicertDuplicateBuilder.class);
        assertNotNull(loaded);
        j.assertEqualDataBoundBeans(before, loaded);
    }

    /** A build step saved without its step (hand-written XML, a pre-release snapshot) fails with what to do. */
    @Test
    void aBuildStepSavedWithoutItsSettingsFailsTheBuildSayingWhatToDo(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder empty = (DigicertDuplicateBuilder)
                Jenkins.XSTREAM2.fromXML("<io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder/>");
        FreeStyleProject project = j.createFreeStyleProject("p");
        project.getBuildersList().add(empty);

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("This DigiCert build step has no settings in the job's saved configuration", build);
        j.assertLogContains("open the job's configuration, fill in the step and save", build);
    }

    @Test
    void savedJobWithoutOptionalFieldsLoadsWithTheDefaults(JenkinsRule j) {
        String xml = "<io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder><step>"
                + "<credentialsId>digicert-api-key</credentialsId><orderId>1234567</orderId>"
                + "<csrFile>tls/server.csr</csrFile>"
                + "</step></io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder>";

        DigicertDuplicateBuilder loaded = (DigicertDuplicateBuilder) Jenkins.XSTREAM2.fromXML(xml);

        DigicertDuplicateStep step = loaded.getStep();
        assertThat(step.getOrderId(), is("1234567"));
        assertThat(step.isArchive(), is(true));
        assertThat(step.isWaitForIssuance(), is(true));
        assertThat(step.getSignatureHash(), is("sha256"));
        assertThat(step.getOutputDir(), is("digicert"));
        assertThat(step.getDnsNames(), nullValue());
        assertThat(step.getDnsNamesText(), is(""));
    }
}
