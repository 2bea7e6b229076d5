package io.jenkins.plugins.digicert.duplicate;

import static io.jenkins.plugins.digicert.duplicate.OptionConflict.KEYSTORE_WITHOUT_MADE_KEY;
import static io.jenkins.plugins.digicert.duplicate.OptionConflict.REQUEST_WITH_MADE_KEY;
import static io.jenkins.plugins.digicert.duplicate.OptionConflict.REUSE_WITH_MADE_KEY;
import static io.jenkins.plugins.digicert.duplicate.OptionConflict.REUSE_WITH_REQUEST;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionConflictTest {

    /** Every combination of the four options: made key, reuse, requestId, keystore; then what conflicts. */
    @ParameterizedTest(name = "made key {0}, reuse {1}, requestId {2}, keystore {3}: {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "false | false | false | false | ",
                "false | true  | false | false | ",
                "false | false | true  | false | ",
                "false | true  | true  | false | REUSE_WITH_REQUEST",
                "false | false | false | true  | KEYSTORE_WITHOUT_MADE_KEY",
                "false | true  | false | true  | KEYSTORE_WITHOUT_MADE_KEY",
                "false | false | true  | true  | KEYSTORE_WITHOUT_MADE_KEY",
                "false | true  | true  | true  | KEYSTORE_WITHOUT_MADE_KEY REUSE_WITH_REQUEST",
                "true  | false | false | false | ",
                "true  | true  | false | false | REUSE_WITH_MADE_KEY",
                "true  | false | true  | false | REQUEST_WITH_MADE_KEY",
                "true  | true  | true  | false | REUSE_WITH_MADE_KEY REQUEST_WITH_MADE_KEY REUSE_WITH_REQUEST",
                "true  | false | false | true  | ",
                "true  | true  | false | true  | REUSE_WITH_MADE_KEY",
                "true  | false | true  | true  | REQUEST_WITH_MADE_KEY",
                "true  | true  | true  | true  | REUSE_WITH_MADE_KEY REQUEST_WITH_MADE_KEY REUSE_WITH_REQUEST",
            })
    void everyCombination(boolean madeKey, boolean reuse, boolean requestId, boolean keystore, String expected) {
        List<OptionConflict> conflicts = OptionConflict.among(madeKey, reuse, requestId, keystore);
        List<OptionConflict> want = expected == null
                ? List.of()
                : Arrays.stream(expected.trim().split(" "))
                        .map(OptionConflict::valueOf)
                        .toList();
        assertEquals(want, conflicts);
        if (want.isEmpty()) {
            assertDoesNotThrow(() -> OptionConflict.refuse(madeKey, reuse, requestId, keystore));
        } else {
            InvalidInputException e = assertThrows(
                    InvalidInputException.class, () -> OptionConflict.refuse(madeKey, reuse, requestId, keystore));
            assertEquals(want.get(0).message(), e.getMessage());
        }
    }

    @Test
    void eachMessageSaysWhatToGiveInstead() {
        assertTrue(KEYSTORE_WITHOUT_MADE_KEY.message().contains("give keyType"));
        assertTrue(REUSE_WITH_MADE_KEY.message().contains("give its CSR in csrFile"));
        assertTrue(REQUEST_WITH_MADE_KEY.message().contains("give that request's CSR in csrFile"));
        assertTrue(REUSE_WITH_REQUEST.message().contains("not both"));
    }
}
