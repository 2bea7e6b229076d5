package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.simulator.TestCa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the three benchmarks and prints their tables; the full run also writes them to docs/benchmarks.md.
 *
 * <pre>
 * mvn -f pom-core.xml -q test-compile exec:exec@benchmark            # full run, about 3 minutes
 * mvn -f pom-core.xml -q test-compile exec:exec@benchmark -Dbenchmark.args=--smoke
 * </pre>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        String report = run(smoke, System.out);
        if (!smoke) {
            Path docs = Files.createDirectories(Path.of("docs"));
            Path file = docs.resolve("benchmarks.md");
            Files.writeString(file, report, StandardCharsets.UTF_8);
            System.out.println("Written to " + file);
        }
    }

    /** Runs everything, prints the tables as they come, and returns the whole report as Markdown. */
    static String run(boolean smoke, PrintStream out) throws Exception {
        TestCa ca = new TestCa();
        StringBuilder report = new StringBuilder();
        report.append("# Benchmarks\n\n")
                .append(smoke ? "Smoke run (tiny sizes, figures not meaningful).\n\n" : "")
                .append("Run `mvn -f pom-core.xml -q test-compile exec:exec@benchmark` to repeat. Machine: ")
                .append(machine())
                .append(". Run at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(".\n\n");

        StringBuilder calls = new StringBuilder("## 1. API calls per duplicate\n\n")
                .append(
                        "| case | calls | minimum the API allows | what the calls are |\n| --- | ---: | ---: | --- |\n");
        for (CallCountBenchmark.Row row : CallCountBenchmark.run(ca)) {
            calls.append(
                    String.format("| %s | %d | %d | %s |%n", row.scenario(), row.calls(), row.minimum(), row.note()));
        }
        section(report, out, calls);

        int duplicates = smoke ? 60 : 500;
        int threads = smoke ? 8 : 32;
        StringBuilder fleet = new StringBuilder("## 2. Fleet run under the rate limits\n\n")
                .append(String.format(
                        "%d duplicates for %d orders, %d threads, one API key; the simulator enforces CertCentral's "
                                + "100 calls per 5 s and 1000 per 3 min with windows made shorter by the speed-up "
                                + "(10x: 100 per 0.5 s and 1000 per 18 s). Names read from the order cost 2 calls per "
                                + "duplicate, names given 1.%n%n",
                        duplicates, duplicates, threads))
                .append("| speed-up | names | client-side limiter | succeeded | calls sent | 429s received | wall time "
                        + "| minimum the limits allow | ratio |\n")
                .append("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int[][] runs = smoke
                ? new int[][] {{10, 0, 1}, {10, 0, 0}}
                : new int[][] {{10, 0, 1}, {10, 0, 0}, {10, 1, 1}, {10, 1, 0}, {4, 0, 1}};
        for (int[] run : runs) {
            FleetBenchmark.Result result =
                    FleetBenchmark.run(ca, duplicates, threads, run[2] == 1, run[1] == 1, run[0]);
            fleet.append(String.format(
                    Locale.ROOT,
                    "| %dx | %s | %s | %d of %d | %d | %d | %.2f s | %.2f s | %.2f |%n",
                    result.speedUp(),
                    result.namesGiven() ? "given" : "from the order",
                    result.limiter(),
                    result.succeeded(),
                    result.duplicates(),
                    result.calls(),
                    result.rateLimited(),
                    result.wall().toMillis() / 1000.0,
                    result.minimum().toMillis() / 1000.0,
                    result.ratio()));
        }
        fleet.append("\nGoal with the limiter: 0 429s and a ratio of at most 1.10.\n");
        section(report, out, fleet);

        section(report, out, inProcess(smoke));
        return report.toString();
    }

    private static StringBuilder inProcess(boolean smoke) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(InProcessBenchmark.class.getName())
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (smoke) {
            options.forks(0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300));
        } else {
            options.forks(1)
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(3))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(3));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<double[]> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("## 3. In-process cost of one duplicate (JMH)\n\n")
                .append("One duplicate issued at once (CSR check, request, chain check, files written) next to a bare "
                        + "OkHttp POST of the same body to the same simulator, which signs a leaf for both. Allocation "
                        + "counts every thread of the JVM, the simulator's too.\n\n")
                .append("| benchmark | time per op | bytes allocated per op |\n| --- | ---: | ---: |\n");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> time = result.getPrimaryResult();
            Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
            double allocated = bytes == null ? Double.NaN : bytes.getScore();
            rows.add(new double[] {time.getScore(), allocated});
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f ± %.0f µs | %.0f |%n",
                    name,
                    time.getScore(),
                    Double.isNaN(time.getScoreError()) ? 0 : time.getScoreError(),
                    allocated));
        }
        if (rows.size() == 2) {
            double[] bare = rows.get(0);
            double[] duplicate = rows.get(1);
            table.append(String.format(
                    Locale.ROOT,
                    "| ratio duplicate / bare POST | %.2f | %.2f |%n",
                    duplicate[0] / bare[0],
                    duplicate[1] / bare[1]));
        }
        return table;
    }

    private static void section(StringBuilder report, PrintStream out, StringBuilder section) {
        out.println(section);
        report.append(section).append('\n');
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // not Linux: the rest still describes the machine
        }
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %d MiB max heap, %s %s, Java %s",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
