package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.simulator.TestCa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * mvn -f pom-core.xml -q test-compile exec:exec@benchmark            # full run, about 8 minutes
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

        section(report, out, fleet(ca, smoke));

        section(report, out, inProcess(smoke));
        return report.toString();
    }

    /** Real network delay each way at CertCentral's real windows: tens to hundreds of milliseconds. */
    static final Duration DELAY_MIN = Duration.ofMillis(20);

    static final Duration DELAY_MAX = Duration.ofMillis(250);

    static List<FleetBenchmark.Setup> fleetSetups(boolean smoke) {
        List<FleetBenchmark.Setup> setups = new ArrayList<>();
        if (smoke) {
            for (boolean on : new boolean[] {true, false}) {
                setups.add(new FleetBenchmark.Setup(10, false, on, 60, 8, Duration.ZERO, Duration.ZERO, 1));
            }
            // delays a tenth of the real ones; 150 calls, so that one window boundary is passed
            setups.add(
                    new FleetBenchmark.Setup(10, true, true, 150, 60, Duration.ofMillis(2), Duration.ofMillis(25), 1));
            return setups;
        }
        // 1x: 1000 calls in each mode, 100 threads so that a window's 100 calls can leave together
        for (boolean namesGiven : new boolean[] {false, true}) {
            for (boolean on : new boolean[] {true, false}) {
                setups.add(new FleetBenchmark.Setup(
                        1, namesGiven, on, namesGiven ? 500 : 333, 100, DELAY_MIN, DELAY_MAX, 42));
            }
        }
        // 10x on loopback: 1000 calls in each mode too, 32 threads
        for (boolean namesGiven : new boolean[] {false, true}) {
            for (boolean on : new boolean[] {true, false}) {
                setups.add(new FleetBenchmark.Setup(
                        10, namesGiven, on, namesGiven ? 500 : 333, 32, Duration.ZERO, Duration.ZERO, 42));
            }
        }
        return setups;
    }

    private static StringBuilder fleet(TestCa ca, boolean smoke) throws Exception {
        String loadBefore = load();
        List<FleetBenchmark.Result> results = new ArrayList<>();
        for (FleetBenchmark.Setup setup : fleetSetups(smoke)) {
            results.add(FleetBenchmark.run(ca, setup));
        }
        String loadAfter = load();
        StringBuilder fleet = new StringBuilder("## 2. Fleet run under the rate limits\n\n")
                .append("Duplicates for as many orders from a pool of threads sharing one API key. The simulator "
                        + "enforces CertCentral's 100 calls per 5 s and 1000 per 3 min per key, counting a call when "
                        + "it arrives: at the real length (1x) or with windows ten times shorter (10x: 100 per 0.5 s "
                        + "and 1000 per 18 s). At 1x it adds a network delay each way, drawn uniformly from "
                        + DELAY_MIN.toMillis() + " to " + DELAY_MAX.toMillis() + " ms from a seeded generator (a "
                        + "request waits before it is counted, an answer before it is written); the 10x rows run on "
                        + "plain loopback. Names read from the order cost 3 calls per duplicate, names given 2 (the "
                        + "list read before sending, then the POST); every row makes about 1000 admitted calls (333 "
                        + "duplicates from the order, 500 with names given), so the 3-minute window is enforced but "
                        + "never the one that binds.\n\n")
                .append("The minimum is the earliest the last call may arrive under both windows (call k, from 0, "
                        + "not before floor(k / permits) windows for each limit) plus the shortest round trip the "
                        + "simulator adds. Time per duplicate runs from a thread taking it up to its files written. "
                        + "Delay per 429 is the time from a call's first 429 to its admission, divided by the 429s it "
                        + "received. The margin is what the limiter held each slot beyond its window at the end of "
                        + "the row: half the spread of the middle 90 % of the last 128 round trips it measured (booking to "
                        + "the answer's headers).\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "1-minute load average (2 cores) before the fleet rows: %s; after them: %s.%n%n",
                        loadBefore,
                        loadAfter))
                .append("| speed-up | delay each way | names | threads | limiter | succeeded | calls sent "
                        + "| 429s | delay per 429 | p50 per duplicate | p99 per duplicate | wall time "
                        + "| minimum | ratio | margin | goal |\n")
                .append("| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                        + "| ---: | ---: | --- |\n");
        for (FleetBenchmark.Result result : results) {
            FleetBenchmark.Setup setup = result.setup();
            fleet.append(String.format(
                    Locale.ROOT,
                    "| %dx | %s | %s | %d | %s | %d of %d | %d | %d | %s | %s | %s | %s | %s | %.3f | %s | %s |%n",
                    setup.speedUp(),
                    setup.delayed()
                            ? setup.delayMin().toMillis() + "-"
                                    + setup.delayMax().toMillis() + " ms"
                            : "loopback",
                    setup.namesGiven() ? "given" : "from the order",
                    setup.threads(),
                    setup.limiterOn() ? "on" : "off",
                    result.succeeded(),
                    setup.duplicates(),
                    result.calls(),
                    result.rateLimited(),
                    result.rateLimited() == 0 ? "-" : seconds(result.delayPer429()),
                    seconds(result.p50()),
                    seconds(result.p99()),
                    seconds(result.wall()),
                    seconds(result.minimum()),
                    result.ratio(),
                    setup.limiterOn() ? result.margin().toMillis() + " ms" : "-",
                    goal(result)));
        }
        fleet.append("\nGoals with the limiter on: 0 429s, and a ratio of at most 1.05 at 1x, 1.10 at 10x.\n\n")
                .append("Where the time above the minimum went, limiter on (a window boundary is one of the "
                        + "floor((calls - 1) / 100) waits for the 5-second window, or its tenth):\n\n");
        for (FleetBenchmark.Result result : results) {
            FleetBenchmark.Setup setup = result.setup();
            if (!setup.limiterOn()) {
                continue;
            }
            int boundaries = Math.max(1, (result.calls() - result.rateLimited() - 1) / 100);
            Duration over = result.wall().minus(result.minimum());
            fleet.append(String.format(
                    Locale.ROOT,
                    "- %dx, names %s: %s over the minimum, %d ms per window boundary over %d boundaries; the "
                            + "margin at the end was %d ms, the 429s %d.%n",
                    setup.speedUp(),
                    setup.namesGiven() ? "given" : "from the order",
                    seconds(over),
                    over.toMillis() / boundaries,
                    boundaries,
                    result.margin().toMillis(),
                    result.rateLimited()));
        }
        return fleet;
    }

    private static String goal(FleetBenchmark.Result result) {
        if (!result.setup().limiterOn()) {
            return "-";
        }
        double bound = result.setup().speedUp() == 1 ? 1.05 : 1.10;
        boolean met = result.rateLimited() == 0
                && result.succeeded() == result.setup().duplicates()
                && result.ratio() <= bound;
        return (met ? "met" : "not met") + String.format(Locale.ROOT, " (<= %.2f)", bound);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }

    /** The 1-minute load average, for judging the timings. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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
