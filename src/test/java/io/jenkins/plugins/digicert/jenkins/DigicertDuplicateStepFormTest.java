package io.jenkins.plugins.digicert.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step's own form, as the Snippet Generator shows it, and the snippet it produces. */
@WithJenkins
class DigicertDuplicateStepFormTest {

    @Test
    void formRoundtripKeepsEveryField(JenkinsRule j) throws Exception {
        DigicertDuplicateStep before = JenkinsTestSupport.everyField();

        DigicertDuplicateStep after = new StepConfigTester(j).configRoundTrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getDnsNames(), contains("www.example.com", "api.example.com"));
        assertThat(after.isArchive(), is(false));
    }

    @Test
    void formRoundtripKeepsDefaults(JenkinsRule j) throws Exception {
        DigicertDuplicateStep before = new DigicertDuplicateStep("digicert-api-key", "1234567", "tls/server.csr");

        DigicertDuplicateStep after = new StepConfigTester(j).configRoundTrip(before);

        j.assertEqualDataBoundBeans(before, after);
        assertThat(after.getDnsNames(), nullValue());
        assertThat(after.getSignatureHash(), is("sha256"));
        assertThat(after.isArchive(), is(true));
        assertThat(after.isWaitForIssuance(), is(true));
    }

    @Test
    void generatedSnippetRunsAsTheSameStep(JenkinsRule j) throws Exception {
        DigicertDuplicateStep step = JenkinsTestSupport.everyField();

        String snippet = Snippetizer.object2Groovy(step);

        assertThat(snippet, startsWith("digicertDuplicate "));
        assertThat(snippet, containsString("orderId: '1234567'"));
        assertThat(snippet, containsString("dnsNames: ['www.example.com', 'api.example.com']"));
        assertThat(snippet, containsString("timeoutMinutes: 30"));
        new SnippetizerTester(j).assertParseStep(step, snippet);
    }

    @Test
    void snippetGeneratorOffersTheStepOnlyOnce(JenkinsRule j) {
        Snippetizer snippetizer = ExtensionList.lookupSingleton(Snippetizer.class);
        DigicertDuplicateStep.DescriptorImpl step =
                j.jenkins.getDescriptorByType(DigicertDuplicateStep.DescriptorImpl.class);
        DigicertDuplicateBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(DigicertDuplicateBuilder.DescriptorImpl.class);

        List<Snippetizer.QuasiDescriptor> offered = new ArrayList<>();
        List<Snippetizer.QuasiDescriptor> named = new ArrayList<>();
        for (boolean advanced : new boolean[] {false, true}) {
            for (Snippetizer.QuasiDescriptor entry : snippetizer.getQuasiDescriptors(advanced)) {
                offered.add(entry);
                if ("Request a DigiCert duplicate certificate".equals(entry.real.getDisplayName())) {
                    named.add(entry);
                }
            }
        }

        assertThat(named, hasSize(1));
        assertSame(step, named.get(0).real, "the step's own descriptor");
        assertThat(named.get(0).getSymbol(), is("digicertDuplicate"));
        for (Snippetizer.QuasiDescriptor entry : offered) {
            assertNotSame(builder, entry.real, "the freestyle builder is not offered to Pipeline");
        }
    }
}
