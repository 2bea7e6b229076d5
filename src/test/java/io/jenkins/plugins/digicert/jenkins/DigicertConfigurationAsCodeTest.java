package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code unclassified: digicert:} in a Configuration as Code YAML file, read and written. */
@WithJenkinsConfiguredWithCode
class DigicertConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsEveryValue(JenkinsConfiguredWithCodeRule j) {
        DigicertGlobalConfiguration config = DigicertGlobalConfiguration.get();

        assertThat(config.getRegion(), is(DigicertGlobalConfiguration.REGION_EU));
        assertThat(config.getCustomUrl(), nullValue());
        assertThat(config.getConnectTimeoutSeconds(), is(7));
        assertThat(config.getReadTimeoutSeconds(), is(33));
        assertThat(config.getDefaultTimeoutMinutes(), is(20));
        assertThat(config.getPollFirstSeconds(), is(5));
        assertThat(config.getPollMaxSeconds(), is(40));
        assertThat(config.clientSettings().baseUrl().host(), is("certcentral.digicert.eu"));
        assertThat(config.clientSettings().connectTimeout(), is(Duration.ofSeconds(7)));
        assertThat(config.waitDefaults().timeout(), is(Duration.ofMinutes(20)));
    }

    /**
     * A GlobalConfiguration is exported by CasC's DescriptorConfigurator, which writes every attribute whose value
     * is not null (Configurator.describe), sorted by name; the unset customUrl is left out. The comparison is of the
     * parsed YAML, so that quoting and layout choices of the YAML writer do not matter.
     */
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsEveryValue(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode digicert = getUnclassifiedRoot(context).get("digicert");
        assertThat("the configuration is exported under its symbol", digicert, notNullValue());

        String exported = toYamlString(digicert);
        String expected = toStringFromYamlFile(this, "configuration-as-code-expected.yml");

        Object exportedValues = new Yaml().load(exported);
        Object expectedValues = new Yaml().load(expected);
        assertEquals(expectedValues, exportedValues, "exported:\n" + exported);
    }
}
