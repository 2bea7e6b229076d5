package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecord;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The duplicates a build requested, saved with the build (build.xml): a retried or resumed step finds its own
 * request here and adopts it instead of sending another. Holds nothing secret.
 */
public final class DuplicateRecordsAction implements RunAction2, DuplicateRecords {

    private final List<DuplicateRecord> records = new ArrayList<>();

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "set by onLoad, as RunAction2 does")
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

    /** Not shown on the build page yet: no icon, no name, no URL. */
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
