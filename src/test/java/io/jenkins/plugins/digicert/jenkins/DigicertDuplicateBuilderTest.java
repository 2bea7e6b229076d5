package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DigicertDuplicateBuilderTest {

    @Test
    void configRoundtripKeepsEveryField(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder before = new DigicertDuplicateBuilder("digicert-api-key", "1234567", "tls/server.csr");
        before.setCommonName("www.example.com");
        before.setDnsNames(List.of("www.example.com", "api.example.com"));
        before.setSignatureHash("sha384");
        before.setServerPlatformId(45);
        before.setCaCertId("5C0A6C7F8E");
        before.setOutputDir("out/tls");
        before.setArchive(false);
        before.setWaitForIssuance(false);
        before.setTimeoutMinutes(30);

        DigicertDuplicateBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getDnsNames(), contains("www.example.com", "api.example.com"));
        assertThat(after.isArchive(), is(false));
        assertThat(after.isWaitForIssuance(), is(false));
    }

    @Test
    void configRoundtripKeepsDefaults(JenkinsRule j) throws Exception {
        DigicertDuplicateBuilder before = new DigicertDuplicateBuilder("digicert-api-key", "1234567", "tls/server.csr");

        DigicertDuplicateBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getSignatureHash(), is("sha256"));
        assertThat(after.getOutputDir(), is("digicert"));
        assertThat(after.isArchive(), is(true));
        assertThat(after.isWaitForIssuance(), is(true));
    }

    @Test
    void savedJobWithoutOptionalFieldsLoadsWithTheDefaults(JenkinsRule j) {
        String xml = "<io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder>"
                + "<credentialsId>digicert-api-key</credentialsId><orderId>1234567</orderId>"
                + "<csrFile>tls/server.csr</csrFile>"
                + "</io.jenkins.plugins.digicert.jenkins.DigicertDuplicateBuilder>";

        DigicertDuplicateBuilder loaded = (DigicertDuplicateBuilder) Jenkins.XSTREAM2.fromXML(xml);

        assertThat(loaded.getOrderId(), is("1234567"));
        assertThat(loaded.isArchive(), is(true));
        assertThat(loaded.isWaitForIssuance(), is(true));
        assertThat(loaded.getSignatureHash(), is("sha256"));
        assertThat(loaded.getOutputDir(), is("digicert"));
        assertThat(loaded.getDnsNames(), nullValue());
    }

    @Test
    void credentialsAreListedOnlyToUsersWhoMayConfigure(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "digicert-api-key", "CertCentral", Secret.fromString("k3y")));
        SystemCredentialsProvider.getInstance().save();
        FreeStyleProject project = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
        DigicertDuplicateBuilder.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(DigicertDuplicateBuilder.DescriptorImpl.class);

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
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
        DigicertDuplicateBuilder.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(DigicertDuplicateBuilder.DescriptorImpl.class);
        DigicertDuplicateStep.DescriptorImpl stepDescriptor =
                j.jenkins.getDescriptorByType(DigicertDuplicateStep.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThrows(AccessDeniedException3.class, () -> descriptor.doCheckOrderId(project, "1234567"));
            assertThrows(AccessDeniedException3.class, () -> descriptor.doCheckCsrFile(project, "../x.csr"));
            assertThrows(AccessDeniedException3.class, () -> stepDescriptor.doCheckDnsNames(project, "a.example.com"));
            assertThrows(AccessDeniedException3.class, () -> stepDescriptor.doCheckOrderId(null, "1234567"));
        }
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckOrderId(project, "1234567").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOrderId(project, "12ab").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCsrFile(project, "../x.csr").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCsrFile(project, "/etc/server.csr").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckCsrFile(project, "tls/server.csr").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckOutputDir(project, "../out").kind);
            assertEquals(
                    FormValidation.Kind.OK, descriptor.doCheckDnsNames(project, "a.example.com\nb.example.com").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckDnsNames(project, "a..example.com").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCommonName(project, "not a name").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckCaCertId(project, "bad id!").kind);
        }
    }

    @Test
    void formValidationAnswersPostOnly(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        String check = "descriptorByName/" + DigicertDuplicateBuilder.class.getName() + "/checkOrderId?value=12ab";

        Page posted = wc.getPage(new WebRequest(wc.createCrumbedUrl(check), HttpMethod.POST));
        assertEquals(200, posted.getWebResponse().getStatusCode());
        assertThat(posted.getWebResponse().getContentAsString(), containsString("12ab"));

        Page got = wc.goTo(check, null);
        assertNotEquals(200, got.getWebResponse().getStatusCode(), "a GET must not reach the check");
    }

    private static List<String> values(ListBoxModel items) {
        return items.stream().map(option -> option.value).toList();
    }
}
