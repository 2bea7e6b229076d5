package io.jenkins.plugins.digicert.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForAllTest {

    @Test
    void theFirstDrawOfEachTryVaries() {
        // With new Random(seed + i), nextInt(16) as the first draw gave one value in all 200 tries.
        Set<Integer> firsts = new HashSet<>();
        ForAll.check(random -> random.nextInt(16), firsts::add);
        assertEquals(16, firsts.size(), () -> "first draws: " + firsts);
    }

    @Test
    void aSeedReplaysTheSameInputs() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        String before = System.getProperty("property.seed");
        System.setProperty("property.seed", "12345");
        try {
            ForAll.check(20, random -> random.nextLong(), first::add);
            ForAll.check(20, random -> random.nextLong(), second::add);
        } finally {
            if (before == null) {
                System.clearProperty("property.seed");
            } else {
                System.setProperty("property.seed", before);
            }
        }
        assertEquals(first, second);
        assertTrue(new HashSet<>(first).size() == 20);
    }
}
