package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DigicertGlobalConfigurationTest {

    @Test
    void formRoundtripKeepsEveryValue(JenkinsRule j) throws Exception {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        config.setRegion("CUSTOM");
        config.setCustomUrl("https://certcentral.example.com/services/v2/");
        config.setConnectTimeoutSeconds(7);
        config.setReadTimeoutSeconds(33);
        config.setDefaultTimeoutMinutes(20);
        config.setPollFirstSeconds(5);
        config.setPollMaxSeconds(40);

        j.configRoundtrip();

        assertThat(config.getRegion(), is("CUSTOM"));
        assertThat(config.getCustomUrl(), is("https://certcentral.example.com/services/v2/"));
        assertThat(config.getConnectTimeoutSeconds(), is(7));
        assertThat(config.getReadTimeoutSeconds(), is(33));
        assertThat(config.getDefaultTimeoutMinutes(), is(20));
        assertThat(config.getPollFirstSeconds(), is(5));
        assertThat(config.getPollMaxSeconds(), is(40));
        assertThat(config.clientSettings().baseUrl().toString(), is("https://certcentral.example.com/services/v2/"));
        assertThat(config.clientSettings().connectTimeout(), is(Duration.ofSeconds(7)));
    }

    @Test
    void refusedFormSavesNothing(JenkinsRule j) throws Exception {
        DigicertGlobalConfiguration.get().save(); // the defaults on disk, to compare with after the refusal
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getInputByName("_.customUrl").setValue("https://certcentral.example.com/services/v2/");
        form.getInputByName("_.connectTimeoutSeconds").setValue("7");
        HtmlInput readTimeout = form.getInputByName("_.readTimeoutSeconds");
        readTimeout.removeAttribute("min"); // the browser would not send 0; a script or an old form might
        readTimeout.setValue("0");

        HtmlPage answer = j.submit(form);

        assertThat(answer.getWebResponse().getContentAsString(), containsString("readTimeoutSeconds must be between"));
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        assertThat(config.getCustomUrl(), nullValue());
        assertThat(config.getConnectTimeoutSeconds(), is(10));
        assertThat(config.getReadTimeoutSeconds(), is(60));
        DigicertGlobalConfiguration saved = new DigicertGlobalConfiguration(); // loads the file on disk
        assertThat(saved.getCustomUrl(), nullValue());
        assertThat(saved.getConnectTimeoutSeconds(), is(10));
        assertThat(saved.getReadTimeoutSeconds(), is(60));
    }

    @Test
    void plainHttpUrlIsRefusedByTheForm(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getInputByName("_.customUrl").setValue("http://certcentral.example.com/services/v2/");

        HtmlPage answer = j.submit(form);

        assertThat(answer.getWebResponse().getContentAsString(), containsString("must use https"));
        assertThat(DigicertGlobalConfiguration.get().getCustomUrl(), nullValue());
    }

    @Test
    void defaultsAndRegions(JenkinsRule j) {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        assertThat(config.getRegion(), is("US"));
        assertThat(config.clientSettings().baseUrl().host(), is("www.digicert.com"));
        config.setRegion("eu");
        assertThat(config.clientSettings().baseUrl().host(), is("certcentral.digicert.eu"));

        WaitPolicy policy = config.waitDefaults();
        assertThat(policy.enabled(), is(true));
        assertThat(policy.timeout(), is(Duration.ofMinutes(15)));
        assertThat(policy.firstInterval(), is(Duration.ofSeconds(10)));
        assertThat(policy.maxInterval(), is(Duration.ofSeconds(60)));
        assertThat(policy.forStep(false, 3).timeout(), is(Duration.ofMinutes(3)));
        assertThat(policy.forStep(false, 3).enabled(), is(false));
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback(JenkinsRule j) {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();

        FormValidation check = config.doCheckCustomUrl("http://certcentral.example.com/services/v2/");
        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckCustomUrl("http://127.0.0.1:8080/services/v2/").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckCustomUrl("https://certcentral.example.com/").kind);

        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> config.setCustomUrl("http://certcentral.example.com/services/v2/"));
        assertThat(refused.getMessage(), containsString("https"));
        assertThat(config.getCustomUrl(), nullValue());
        assertThrows(IllegalArgumentException.class, () -> config.setRegion("ASIA"));
        assertThrows(IllegalArgumentException.class, () -> config.setConnectTimeoutSeconds(0));

        config.setRegion("CUSTOM");
        assertThrows(IllegalStateException.class, config::clientSettings);
    }

    @Test
    void onlyAdministratorsMayValidate(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();
        String plainHttp = "http://certcentral.example.com/services/v2/";

        // No answer rather than an error page: ok even for a URL an administrator would be told is refused.
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, config.doCheckCustomUrl(plainHttp).kind);
            assertThat(config.doFillRegionItems().size(), is(0));
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertEquals(FormValidation.Kind.ERROR, config.doCheckCustomUrl(plainHttp).kind);
            List<String> regions = config.doFillRegionItems().stream()
                    .map(option -> option.value)
                    .toList();
            assertThat(regions, contains("US", "EU", "CUSTOM"));
        }
    }
}
