package io.jenkins.plugins.digicert.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.digicert.certcentral.RateLimit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the benchmark command still works, at tiny sizes; the figures themselves are not asserted. */
class BenchmarkSmokeTest {

    @Test
    void printsTheThreeTables() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String report = BenchmarkMain.run(true, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertTrue(report.contains("| issued at once, names given | 2 | 1 |"), report);
        assertTrue(report.contains("| issued at once, names from the order | 3 | 2 |"), report);
        assertTrue(report.contains("| pending, issued after 5 polls | 8 | 7 |"), report);
        assertTrue(report.contains("| answer to the POST lost, the list 5 s behind | 6 | 3 |"), report);
        assertTrue(report.contains("| answer to the POST lost, the request never arrived | 13 | 2 |"), report);
        assertTrue(report.contains("| requestId collected, already issued | 3 | 2 |"), report);
        assertTrue(report.contains("| an issued duplicate of this key reused, names given | 2 | 2 |"), report);
        assertTrue(report.contains("| 10x | loopback | from the order | 8 | on | 60 of 60 |"), report);
        assertTrue(report.contains("| 10x | 2-25 ms | given | 60 | on | 150 of 150 |"), report);
        assertTrue(report.contains("| pending, issued after 20 polls | 23 | 22 |"), report);
        assertTrue(report.contains("| duplicate |"), report);
        assertTrue(report.contains("| bareOkHttpPost |"), report);
    }

    @Test
    void minimumWallFollowsBothWindows() {
        List<RateLimit> limits = FleetBenchmark.SCALED_LIMITS;
        assertEquals(Duration.ZERO, FleetBenchmark.minimumWall(100, limits));
        assertEquals(Duration.ofMillis(500), FleetBenchmark.minimumWall(101, limits));
        assertEquals(Duration.ofMillis(4500), FleetBenchmark.minimumWall(1000, limits));
        assertEquals(Duration.ofSeconds(18), FleetBenchmark.minimumWall(1001, limits));
    }
}
