package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.digicert.certcentral.BaseUrls;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.Region;
import io.jenkins.plugins.digicert.duplicate.Defaults;
import io.jenkins.plugins.digicert.duplicate.Inputs;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Where CertCentral is and how long to wait for it. Saved by administrators on the system configuration page or
 * with Configuration as Code ({@code unclassified: digicert: ...}).
 */
@Extension
@Symbol("digicert")
public class DigicertGlobalConfiguration extends GlobalConfiguration {

    public static final String REGION_US = "US";
    public static final String REGION_EU = "EU";
    public static final String REGION_CUSTOM = "CUSTOM";

    static final int MAX_SECONDS = 600;

    private String region = REGION_US;
    private String customUrl;
    private int connectTimeoutSeconds = ClientSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = ClientSettings.DEFAULT_READ_TIMEOUT_SECONDS;
    private int defaultTimeoutMinutes = Defaults.TIMEOUT_MINUTES;
    private int pollFirstSeconds = Defaults.FIRST_CHECK_SECONDS;
    private int pollMaxSeconds = Defaults.LONGEST_CHECK_INTERVAL_SECONDS;

    public DigicertGlobalConfiguration() {
        load();
    }

    public static DigicertGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(DigicertGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "DigiCert CertCentral";
    }

    public String getRegion() {
        return region;
    }

    /** {@code US}, {@code EU} or {@code CUSTOM} (then {@link #getCustomUrl()} is used). */
    @DataBoundSetter
    public void setRegion(String region) {
        this.region = parseRegion(region);
        save();
    }

    @CheckForNull
    public String getCustomUrl() {
        return customUrl;
    }

    /** An https URL, or http to this machine only (a simulator); refused otherwise. */
    @DataBoundSetter
    public void setCustomUrl(String customUrl) {
        this.customUrl = checkedUrl(customUrl);
        save();
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int seconds) {
        this.connectTimeoutSeconds = inRange(seconds, 1, MAX_SECONDS, "connectTimeoutSeconds");
        save();
    }

    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int seconds) {
        this.readTimeoutSeconds = inRange(seconds, 1, MAX_SECONDS, "readTimeoutSeconds");
        save();
    }

    public int getDefaultTimeoutMinutes() {
        return defaultTimeoutMinutes;
    }

    @DataBoundSetter
    public void setDefaultTimeoutMinutes(int minutes) {
        this.defaultTimeoutMinutes = inRange(minutes, 1, Inputs.MAX_TIMEOUT_MINUTES, "defaultTimeoutMinutes");
        save();
    }

    public int getPollFirstSeconds() {
        return pollFirstSeconds;
    }

    @DataBoundSetter
    public void setPollFirstSeconds(int seconds) {
        this.pollFirstSeconds = inRange(seconds, 1, 3600, "pollFirstSeconds");
        save();
    }

    public int getPollMaxSeconds() {
        return pollMaxSeconds;
    }

    @DataBoundSetter
    public void setPollMaxSeconds(int seconds) {
        this.pollMaxSeconds = inRange(seconds, 1, 3600, "pollMaxSeconds");
        save();
    }

    /**
     * Checks the custom URL before anything is bound, and binds the rest as one change: a value refused by a setter
     * restores every field and saves nothing, so a rejected form never leaves half of itself behind.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        String url = json.optString("customUrl", "");
        if (REGION_CUSTOM.equals(json.optString("region")) && url.isBlank()) {
            throw new FormException(
                    "Give the custom CertCentral API base URL, or choose the US or EU region.", "customUrl");
        }
        try {
            checkedUrl(url);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "customUrl");
        }
        Values before = new Values();
        try (BulkChange change = new BulkChange(this)) {
            try {
                super.configure(req, json);
            } catch (RuntimeException e) {
                before.restore();
                if (e instanceof IllegalArgumentException) {
                    throw new FormException(e.getMessage(), (String) null);
                }
                throw e;
            }
            change.commit();
            return true;
        } catch (IOException e) {
            throw new FormException("Could not save the DigiCert configuration: " + e.getMessage(), e, null);
        }
    }

    /** The saved values, to put back when a form is refused half-way through binding. */
    private final class Values {
        private final String region = DigicertGlobalConfiguration.this.region;
        private final String customUrl = DigicertGlobalConfiguration.this.customUrl;
        private final int connectTimeoutSeconds = DigicertGlobalConfiguration.this.connectTimeoutSeconds;
        private final int readTimeoutSeconds = DigicertGlobalConfiguration.this.readTimeoutSeconds;
        private final int defaultTimeoutMinutes = DigicertGlobalConfiguration.this.defaultTimeoutMinutes;
        private final int pollFirstSeconds = DigicertGlobalConfiguration.this.pollFirstSeconds;
        private final int pollMaxSeconds = DigicertGlobalConfiguration.this.pollMaxSeconds;

        void restore() {
            DigicertGlobalConfiguration.this.region = region;
            DigicertGlobalConfiguration.this.customUrl = customUrl;
            DigicertGlobalConfiguration.this.connectTimeoutSeconds = connectTimeoutSeconds;
            DigicertGlobalConfiguration.this.readTimeoutSeconds = readTimeoutSeconds;
            DigicertGlobalConfiguration.this.defaultTimeoutMinutes = defaultTimeoutMinutes;
            DigicertGlobalConfiguration.this.pollFirstSeconds = pollFirstSeconds;
            DigicertGlobalConfiguration.this.pollMaxSeconds = pollMaxSeconds;
        }
    }

    /** The core's client settings: base URL, timeouts, and Jenkins' proxy settings through okhttp-api. */
    public ClientSettings clientSettings() {
        ClientSettings settings = ClientSettings.defaults();
        switch (region) {
            case REGION_EU -> settings = settings.withRegion(Region.EU);
            case REGION_CUSTOM -> {
                if (customUrl == null) {
                    throw new IllegalStateException("the region is CUSTOM but no custom API base URL is configured");
                }
                settings = settings.withBaseUrl(customUrl);
            }
            default -> settings = settings.withRegion(Region.US);
        }
        Duration connect = Duration.ofSeconds(connectTimeoutSeconds);
        Duration read = Duration.ofSeconds(readTimeoutSeconds);
        return settings.withTimeouts(connect, read, connect.plus(read).plusSeconds(20))
                .withHttpClientBuilder(() -> JenkinsOkHttpClient.newClientBuilder(ClientSettings.sharedHttpClient()));
    }

    /** How builds wait for issuance: the intervals, and the timeout of a step that gives none. */
    public WaitPolicy waitDefaults() {
        Duration first = Duration.ofSeconds(pollFirstSeconds);
        Duration max = Duration.ofSeconds(Math.max(pollFirstSeconds, pollMaxSeconds));
        return WaitPolicy.of(true, Duration.ofMinutes(defaultTimeoutMinutes)).withIntervals(first, max);
    }

    /** Only administrators get an answer; anyone else gets none rather than an error page. */
    @POST
    public FormValidation doCheckCustomUrl(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            BaseUrls.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Also for those who may read the system configuration without changing it: the regions are no secret. */
    @POST
    public ListBoxModel doFillRegionItems() {
        ListBoxModel items = new ListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.SYSTEM_READ)) {
            return items;
        }
        items.add("United States (" + Region.US.baseUrl() + ")", REGION_US);
        items.add("Europe (" + Region.EU.baseUrl() + ")", REGION_EU);
        items.add("Custom base URL (below)", REGION_CUSTOM);
        return items;
    }

    private static String parseRegion(String value) {
        String name =
                value == null || value.isBlank() ? REGION_US : value.strip().toUpperCase(Locale.ROOT);
        if (!name.equals(REGION_US) && !name.equals(REGION_EU) && !name.equals(REGION_CUSTOM)) {
            throw new IllegalArgumentException("region '" + value + "' is not known; use " + REGION_US + ", "
                    + REGION_EU + " or " + REGION_CUSTOM + ".");
        }
        return name;
    }

    @CheckForNull
    private static String checkedUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BaseUrls.parse(value); // throws IllegalArgumentException with a readable message
        return value.strip();
    }

    private static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", not " + value + ".");
        }
        return value;
    }
}
