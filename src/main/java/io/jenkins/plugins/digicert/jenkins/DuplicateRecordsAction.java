package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecord;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecords;
import io.jenkins.plugins.digicert.duplicate.DuplicateSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The duplicates a build requested, saved with the build (build.xml): a retried or resumed step finds its own
 * request here and adopts it instead of sending another. The same records are shown on the build page
 * (summary.jelly), in the build's remote API, and, for later freestyle build steps, as environment variables of
 * the last one. Holds nothing secret.
 */
@ExportedBean
public final class DuplicateRecordsAction implements RunAction2, DuplicateRecords, EnvironmentContributingAction {

    private final List<DuplicateRecord> records = new ArrayList<>();

    private transient volatile Run<?, ?> run;

    /** The build's action, added on first use. */
    static synchronized DuplicateRecordsAction of(Run<?, ?> run) {
        DuplicateRecordsAction action = run.getAction(DuplicateRecordsAction.class);
        if (action == null) {
            action = new DuplicateRecordsAction();
            run.addAction(action);
        }
        if (action.run == null) {
            action.run = run; // Run.addAction attaches a RunAction2 too; this does not depend on it
        }
        return action;
    }

    @Override
    public synchronized List<DuplicateRecord> all() {
        return List.copyOf(records);
    }

    /** Replaces the record's earlier copy (the step's and the build's are copies after a restart), then saves. */
    @Override
    public void save(DuplicateRecord record) throws IOException {
        synchronized (this) {
            int index = records.indexOf(record);
            if (index >= 0) {
                records.set(index, record);
            } else {
                records.add(record);
            }
        }
        if (run != null) {
            run.save();
        }
    }

    @Override
    public void onAttached(Run<?, ?> attachedTo) {
        this.run = attachedTo;
    }

    @Override
    public void onLoad(Run<?, ?> loadedWith) {
        this.run = loadedWith;
    }

    /** The duplicates as the build page and the remote API show them, oldest first. */
    @Exported(name = "digicertDuplicates", visibility = 2)
    public List<Summary> getDuplicates() {
        Instant now = Instant.now();
        return all().stream()
                .map(record -> new Summary(DuplicateSummary.of(record, now)))
                .toList();
    }

    /** The last duplicate's order, request, certificate and file paths, for later build steps (DIGICERT_...). */
    @Override
    public void buildEnvironment(@NonNull Run<?, ?> build, @NonNull EnvVars env) {
        List<DuplicateRecord> current = all();
        if (!current.isEmpty()) {
            env.putAll(DuplicateSummary.of(current.get(current.size() - 1), Instant.now())
                    .variables());
        }
    }

    /** One duplicate in the remote API and on the build page; every value comes from the core's summary. */
    @ExportedBean(defaultVisibility = 3)
    public static final class Summary {
        private final DuplicateSummary summary;

        Summary(DuplicateSummary summary) {
            this.summary = summary;
        }

        @Exported
        public long getOrderId() {
            return summary.orderId();
        }

        @Exported
        public String getRequestId() {
            return summary.requestId();
        }

        @Exported
        public String getStatus() {
            return summary.status();
        }

        @Exported
        @CheckForNull
        public Long getCertificateId() {
            return summary.certificateId();
        }

        @Exported
        public String getCommonName() {
            return summary.commonName();
        }

        @Exported
        public List<String> getOtherNames() {
            return summary.otherNames();
        }

        @Exported
        @CheckForNull
        public String getSerialNumber() {
            return summary.serialNumber();
        }

        @Exported
        @CheckForNull
        public String getSha256Fingerprint() {
            return summary.sha256Fingerprint();
        }

        @Exported
        @CheckForNull
        public String getIssuer() {
            return summary.issuer();
        }

        @Exported
        @CheckForNull
        public String getNotBefore() {
            return summary.notBefore();
        }

        @Exported
        @CheckForNull
        public String getNotAfter() {
            return summary.notAfter();
        }

        /** For the build page, which formats dates as it formats its own. */
        @CheckForNull
        public Date getNotBeforeDate() {
            return summary.validFrom().map(Date::from).orElse(null);
        }

        @CheckForNull
        public Date getNotAfterDate() {
            return summary.validUntil().map(Date::from).orElse(null);
        }

        @Exported
        @CheckForNull
        public Long getDaysLeft() {
            return summary.daysLeft();
        }

        @Exported
        public boolean isExpiresSoon() {
            return summary.expiresSoon();
        }

        @CheckForNull
        public String getExpiryWarning() {
            return summary.expiryWarning().orElse(null);
        }

        /** Whether the certificate is an earlier duplicate of the same key, reused instead of a new request. */
        @Exported
        public boolean isReused() {
            return summary.reused();
        }

        @Exported
        public List<String> getArtifacts() {
            return summary.artifacts();
        }
    }

    /** No sidebar link and no page of its own: the build page shows the summary (summary.jelly). */
    @CheckForNull
    @Override
    public String getIconFileName() {
        return null;
    }

    @CheckForNull
    @Override
    public String getDisplayName() {
        return null;
    }

    @CheckForNull
    @Override
    public String getUrlName() {
        return null;
    }

    /** XStream runs no initialisers: a build saved without records reads back with an empty list. */
    private Object readResolve() {
        return records == null ? new DuplicateRecordsAction() : this;
    }
}
