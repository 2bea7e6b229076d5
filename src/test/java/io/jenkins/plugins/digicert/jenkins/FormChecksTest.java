package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.UserCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The fill and check methods of the step's form, which the freestyle build step shows too (its config.jelly renders
 * the step's form, so its fields call these same methods on the step's descriptor).
 */
@WithJenkins
class FormChecksTest {

    @Test
    void credentialsAreListedOnlyToUsersWhoMayConfigure(JenkinsRule j) throws Exception {
        JenkinsTestSupport.addSystemSecretText("digicert-api-key", "k3y");
        FreeStyleProject project = j.createFreeStyleProject("p");
        grantReaderAndConfigurer(j);
        DigicertDuplicateStep.DescriptorImpl descriptor = stepDescriptor(j);

        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems(project, "");
            assertThat(values(items), hasItem("digicert-api-key"));
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems(project, "current-id");
            assertThat(values(items), contains("current-id"));
            assertThat(values(items), not(hasItem("digicert-api-key")));
        }
    }

    @Test
    void formValidationNeedsConfigurePermission(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("p");
        grantReaderAndConfigurer(j);
        WorkflowJob pipeline = JenkinsTestSupport.pipeline(j, "pipeline", "");
        DigicertDuplicateStep.DescriptorImpl descriptor = stepDescriptor(j);

        // As the Credentials plugin's consumer guide: no answer (ok) rather than an error page, even for bad values.
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(project, "12ab").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCsrFile(project, "../x.csr", "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOutputDir(project, "../out").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCommonName(project, "not a name").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCaCertId(project, "bad id!").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckServerPlatformId(project, "x").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckTimeoutMinutes(project, "0").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCredentialsId(project, "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckDnsNames(project, "a..example.com").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(pipeline, "12ab").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(null, "12ab").kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(project, "1234567").kind);
            FormValidation orderId = descriptor.doCheckOrderId(project, "12ab");
            assertEquals(FormValidation.Kind.ERROR, orderId.kind);
            assertThat("the form names the field by its label", orderId.getMessage(), startsWith("Order number "));
            assertThat(orderId.getMessage(), containsString("12ab"));
            FormValidation csrFile = descriptor.doCheckCsrFile(project, "../x.csr", "");
            assertEquals(FormValidation.Kind.ERROR, csrFile.kind);
            assertThat(csrFile.getMessage(), startsWith("CSR file "));
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCsrFile(project, "/etc/server.csr", "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCsrFile(project, "tls/server.csr", "").kind);
            // Exactly one of the CSR file and the key the step makes.
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCsrFile(project, "", "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCsrFile(project, "", "RSA-2048").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOutputDir(project, "../out").kind);
            assertEquals(
                    FormValidation.Kind.OK, descriptor.doCheckDnsNames(project, "a.example.com\nb.example.com").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckDnsNames(project, "a..example.com").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCommonName(project, "not a name").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCaCertId(project, "bad id!").kind);
            FormValidation timeout = descriptor.doCheckTimeoutMinutes(project, "0");
            assertEquals(FormValidation.Kind.ERROR, timeout.kind);
            assertThat(timeout.getMessage(), startsWith("Wait at most"));
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOrderId(pipeline, "12ab").kind);
            // A build variable is checked when a freestyle build expands it; Pipeline has none to expand.
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(project, "${ORDER_ID}").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckDnsNames(project, "${NAMES}").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOutputDir(project, "certs/${BUILD_NUMBER}").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOrderId(pipeline, "${ORDER_ID}").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOutputDir(pipeline, "../${DIR}").kind);
            // Without a job (the global Pipeline Syntax page) only administrators get an answer.
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(null, "12ab").kind);
        }
    }

    @Test
    void optionsThatNeedAKeptKeyOrAMadeKeyAreRefusedTogetherWithTheOther(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("p");
        grantReaderAndConfigurer(j);
        DigicertDuplicateStep.DescriptorImpl descriptor = stepDescriptor(j);

        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            // Reuse needs the CSR of a key kept between builds; a key the step makes has no duplicate yet.
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckReuseDaysLeft(project, "30", "", "").kind);
            FormValidation reuseWithNewKey = descriptor.doCheckReuseDaysLeft(project, "30", "EC-P256", "");
            assertEquals(FormValidation.Kind.ERROR, reuseWithNewKey.kind);
            assertThat(reuseWithNewKey.getMessage(), containsString("None: use the CSR file"));
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckReuseDaysLeft(project, "", "EC-P256", "").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckReuseDaysLeft(project, "30", "", "500000").kind);
            FormValidation tooLong = descriptor.doCheckReuseDaysLeft(project, "398", "", "");
            assertEquals(FormValidation.Kind.ERROR, tooLong.kind);
            assertThat(tooLong.getMessage(), startsWith("Reuse a duplicate still valid for"));
            // A pending request is collected with the CSR it was sent with.
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckRequestId(project, "500000", "").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckRequestId(project, "500000", "RSA-2048").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckRequestId(project, "", "RSA-2048").kind);
            // A keystore holds the key the step made.
            assertEquals(
                    FormValidation.Kind.OK, descriptor.doCheckKeystoreCredentialsId(project, "p12", "RSA-2048").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckKeystoreCredentialsId(project, "p12", "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckKeystoreCredentialsId(project, "", "").kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckReuseDaysLeft(project, "30", "EC-P256", "").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckKeystoreCredentialsId(project, "p12", "").kind);
        }
    }

    @Test
    void credentialsIdIsCheckedAgainstWhatTheJobCanUse(JenkinsRule j) throws Exception {
        JenkinsTestSupport.addSystemSecretText("digicert-api-key", "k3y");
        JenkinsTestSupport.addSystemCredential(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "a-password", "not an API key", "user", "a-long-enough-password"));
        FreeStyleProject project = j.createFreeStyleProject("p");
        grantReaderAndConfigurer(j);
        DigicertDuplicateStep.DescriptorImpl descriptor = stepDescriptor(j);

        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCredentialsId(project, "digicert-api-key").kind);
            FormValidation unknown = descriptor.doCheckCredentialsId(project, "no-such-id");
            assertEquals(FormValidation.Kind.ERROR, unknown.kind);
            assertThat(
                    unknown.getMessage(),
                    containsString("No Secret text credential with this ID is available to this job."));
            FormValidation otherType = descriptor.doCheckCredentialsId(project, "a-password");
            assertEquals(FormValidation.Kind.ERROR, otherType.kind, "a username and password is no Secret text");
            assertThat(
                    otherType.getMessage(),
                    containsString("No Secret text credential with this ID is available to this job."));
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCredentialsId(project, "").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCredentialsId(project, "  ").kind);
            assertEquals(FormValidation.Kind.WARNING, descriptor.doCheckCredentialsId(project, "${API_KEY}").kind);

            // The drop-down offers Secret text only.
            ListBoxModel items = descriptor.doFillCredentialsIdItems(project, "");
            assertThat(values(items), hasItem("digicert-api-key"));
            assertThat(values(items), not(hasItem("a-password")));
        }
    }

    /**
     * The list offers what the job's builds can use: here the builds run as "runner" (per-job authorization), who
     * may only read the job. As the Credentials plugin decides: the system store answers ACL.SYSTEM2 only, and its
     * credentials are added for a build identity only if it has Use Item (implied by Configure) or Use Own (implied
     * by Build) on the job; a user's own store answers that user.
     */
    @Test
    void credentialsAreListedAsTheBuildsIdentity(JenkinsRule j) throws Exception {
        JenkinsTestSupport.addSystemSecretText("global-key", "k3y");
        FreeStyleProject project = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("runner"));
        User runner = User.getById("runner", true);
        runner.addProperty(new UserCredentialsProvider.UserCredentialsProperty(new DomainCredentials[] {
            new DomainCredentials(
                    Domain.global(),
                    List.<Credentials>of(new StringCredentialsImpl(
                            CredentialsScope.USER, "runner-key", "runner's own key", Secret.fromString("own"))))
        }));
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate(project.getFullName(), runner.impersonate2()));
        DigicertDuplicateStep.DescriptorImpl descriptor = stepDescriptor(j);

        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            List<String> offered = values(descriptor.doFillCredentialsIdItems(project, ""));
            assertThat(offered, hasItem("runner-key"));
            assertThat("the build could not use it", offered, not(hasItem("global-key")));
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCredentialsId(project, "runner-key").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCredentialsId(project, "global-key").kind);
        }
    }

    @Test
    void formValidationAnswersPostOnly(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        String check = "descriptorByName/" + DigicertDuplicateStep.class.getName() + "/checkOrderId?value=12ab";

        Page posted = wc.getPage(new WebRequest(wc.createCrumbedUrl(check), HttpMethod.POST));
        assertEquals(200, posted.getWebResponse().getStatusCode());
        assertThat(posted.getWebResponse().getContentAsString(), containsString("12ab"));

        Page got = wc.goTo(check, null);
        assertNotEquals(200, got.getWebResponse().getStatusCode(), "a GET must not reach the check");
    }

    private static void grantReaderAndConfigurer(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
    }

    private static DigicertDuplicateStep.DescriptorImpl stepDescriptor(JenkinsRule j) {
        return j.jenkins.getDescriptorByType(DigicertDuplicateStep.DescriptorImpl.class);
    }

    private static List<String> values(ListBoxModel items) {
        return items.stream().map(option -> option.value).toList();
    }
}
