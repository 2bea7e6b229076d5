package io.jenkins.plugins.digicert.duplicate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a build keeps the records of the duplicates it requested: in Jenkins an action saved with the build, so
 * that a retried or resumed step finds its own request.
 */
public interface DuplicateRecords {

    /** The build's records, oldest first. */
    List<DuplicateRecord> all();

    /** Keeps a new or changed record where a restart finds it; a record already kept is replaced. */
    void save(DuplicateRecord record) throws IOException;

    /** Records that live as long as this object: for a build that cannot be resumed anyway. */
    static DuplicateRecords inMemory() {
        return new DuplicateRecords() {
            private final List<DuplicateRecord> records = new ArrayList<>();

            @Override
            public synchronized List<DuplicateRecord> all() {
                return List.copyOf(records);
            }

            @Override
            public synchronized void save(DuplicateRecord record) {
                if (!records.contains(record)) {
                    records.add(record);
                }
            }
        };
    }
}
