package io.jenkins.plugins.digicert.demo;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.Region;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
import io.jenkins.plugins.digicert.duplicate.AgentKeys;
import io.jenkins.plugins.digicert.duplicate.Delivery;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.DuplicateRecords;
import io.jenkins.plugins.digicert.duplicate.DuplicateResult;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import io.jenkins.plugins.digicert.duplicate.WaitPolicy;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.pki.Pem;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Endpoint;
import io.jenkins.plugins.digicert.simulator.Fault;
import io.jenkins.plugins.digicert.simulator.Issuance;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.simulator.TestCsrs.TestCsr;
import io.jenkins.plugins.digicert.simulator.TestKeys;
import io.jenkins.plugins.digicert.workspace.OutputWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole duplicate job on a machine with nothing but a JDK and Maven: a key pair and CSR made on the spot,
 * the CertCentral simulator as the endpoint (or a real one), the real client and workflow, and the same files
 * the plugin archives. It prints what a build console would show.
 *
 * <pre>
 * mvn -f pom-core.xml -q test-compile exec:java@demo [-Dexec.args="--scenario rejected --out target/demo"]
 * </pre>
 */
public final class DuplicateDemo {

    static final String KEY_VARIABLE = "DIGICERT_API_KEY";
    private static final long DEMO_ORDER = 1234567;
    private static final String USAGE = String.join(
            "\n",
            "Usage: demo [--scenario NAME] [--out DIR] [--key-type TYPE] [--endpoint us|eu|URL --order ID --csr FILE]",
            "  --scenario  issued | pending (default) | rejected | invalid-key | rate-limited",
            "  --out       folder for the CSR, its key and the plugin's files (default target/digicert-demo)",
            "  --endpoint  a real CertCentral instead of the simulator; the API key is read from $" + KEY_VARIABLE,
            "  --order     with --endpoint: the order to duplicate",
            "  --csr       with --endpoint: the CSR file to send",
            "  --key-type  make the key pair and CSR instead of reading one: " + KeyType.ids());

    private DuplicateDemo() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    /** Runs the demo and returns the exit code: 0 issued or pending, 1 the job failed, 2 bad usage. */
    static int run(String[] args, PrintStream out, Map<String, String> environment) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        try {
            return arguments.endpoint == null ? simulated(arguments, out) : real(arguments, out, environment);
        } catch (DigicertException e) {
            out.println("ERROR: " + e.getMessage());
            out.println("Finished: FAILURE");
            return 1;
        } catch (IOException e) {
            out.println("ERROR: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Aborted");
            return 1;
        }
    }

    private static int simulated(Arguments arguments, PrintStream out)
            throws IOException, DigicertException, InterruptedException {
        try (CertCentralSimulator simulator = CertCentralSimulator.start()) {
            simulator.addOrder(
                    DEMO_ORDER,
                    "ssl_plus",
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(300),
                    "demo.example.com",
                    "www.demo.example.com");
            String key = CertCentralSimulator.API_KEY;
            switch (arguments.scenario) {
                case "issued" -> simulator.setIssuance(Issuance.IMMEDIATE);
                case "pending" -> simulator.setIssuance(Issuance.pendingThenIssued(2));
                case "rejected" -> simulator.setIssuance(Issuance.pendingThenRejected(2));
                case "invalid-key" -> key = "revoked-" + Long.toHexString(System.nanoTime());
                case "rate-limited" -> {
                    simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(null));
                    simulator.failNext(Endpoint.ORDER_DETAILS, Fault.rateLimited(1));
                }
                default -> throw new IllegalStateException(arguments.scenario);
            }
            out.println("Simulated CertCentral at " + simulator.baseUrl() + " (scenario " + arguments.scenario + ")");
            ClientSettings simulated = ClientSettings.defaults()
                    .withBaseUrl(simulator.baseUrl())
                    .withRetryPolicy(
                            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)));
            WaitPolicy waitingHere = WaitPolicy.of(true, Duration.ofMinutes(1))
                    .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2));
            if (arguments.keyType != null) {
                return withNewKey(ApiKey.of(key), simulated, String.valueOf(DEMO_ORDER), waitingHere, arguments, out);
            }
            TestCsr csr = TestCsrs.of(TestKeys.freshRsa(), "demo.example.com", List.of("demo.example.com"));
            Path csrFile = arguments.out.resolve("server.csr");
            OutputWriter.write(
                    arguments.out,
                    Map.of(
                            "server.csr",
                            csr.bytes(),
                            "server.key",
                            Pem.encode("PRIVATE KEY", csr.keys().getPrivate().getEncoded())
                                    .getBytes(StandardCharsets.US_ASCII)));
            return duplicate(
                    ApiKey.of(key), simulated, String.valueOf(DEMO_ORDER), csrFile, waitingHere, arguments, out);
        }
    }

    private static int real(Arguments arguments, PrintStream out, Map<String, String> environment)
            throws IOException, DigicertException, InterruptedException {
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            out.println("ERROR: set the environment variable " + KEY_VARIABLE + " to the CertCentral API key "
                    + "(it is never taken from the command line).");
            return 2;
        }
        if (arguments.order == null || (arguments.csr == null) == (arguments.keyType == null)) {
            out.println("ERROR: --endpoint needs --order and one of --csr and --key-type.");
            return 2;
        }
        ClientSettings settings =
                switch (arguments.endpoint.toLowerCase(Locale.ROOT)) {
                    case "us" -> ClientSettings.defaults().withRegion(Region.US);
                    case "eu" -> ClientSettings.defaults().withRegion(Region.EU);
                    default -> ClientSettings.defaults().withBaseUrl(arguments.endpoint);
                };
        ApiKey apiKey;
        try {
            apiKey = ApiKey.of(key);
        } catch (IllegalArgumentException e) {
            out.println("ERROR: " + e.getMessage());
            return 2;
        }
        if (arguments.keyType != null) {
            return withNewKey(apiKey, settings, arguments.order, WaitPolicy.DEFAULT, arguments, out);
        }
        return duplicate(apiKey, settings, arguments.order, arguments.csr, WaitPolicy.DEFAULT, arguments, out);
    }

    /**
     * As the step does with {@code keyType}: the key pair and CSR are made in the output directory (the demo's
     * workspace), only the CSR is sent, and the key takes its place beside the certificate once it is written.
     */
    private static int withNewKey(
            ApiKey key,
            ClientSettings settings,
            String orderId,
            WaitPolicy waiting,
            Arguments arguments,
            PrintStream out)
            throws IOException, DigicertException, InterruptedException {
        Path workspace = arguments.out;
        Files.createDirectories(workspace);
        StepParameters parameters = new StepParameters(
                orderId,
                null,
                null,
                null,
                null,
                null,
                null,
                "digicert",
                true,
                null,
                null,
                null,
                arguments.keyType,
                null,
                false);
        DuplicateOutcome outcome = Duplicator.run(
                parameters,
                waiting,
                settings,
                () -> key,
                Duplicator.CsrSource.in(workspace),
                DuplicateRecords.inMemory(),
                out::println);
        AgentKeys.deliver(workspace, Delivery.of(outcome));
        Path folder = workspace.resolve(outcome.outputDir());
        out.println("DigiCert: wrote " + String.join(", ", outcome.files().names()) + " to " + folder);
        out.println();
        out.println("Files:");
        for (String name : outcome.files().names()) {
            out.printf("  %-16s %6d bytes%n", name, Files.size(folder.resolve(name)));
        }
        String keyFile = outcome.record().orElseThrow().keyFile();
        out.println("Key:      " + workspace.resolve(keyFile)
                + (outcome.result().issued()
                        ? " (owner-only; never sent, never archived)"
                        : " (waiting under its " + "pending name until the certificate is issued)"));
        out.println("Finished: SUCCESS");
        return 0;
    }

    private static int duplicate(
            ApiKey key,
            ClientSettings settings,
            String orderId,
            Path csrFile,
            WaitPolicy waiting,
            Arguments arguments,
            PrintStream out)
            throws IOException, DigicertException, InterruptedException {
        DuplicateOptions options =
                DuplicateOptions.builder(orderId).waitPolicy(waiting).build();
        out.println("DigiCert: duplicating order " + options.orderId() + " with the CSR " + csrFile);
        DuplicateOutcome outcome = Duplicator.run(key, settings, options, Files.readAllBytes(csrFile), out::println);
        Path folder = arguments.out.resolve("digicert");
        OutputWriter.write(folder, outcome.files().contents());
        DuplicateResult result = outcome.result();
        out.println("DigiCert: wrote " + String.join(", ", outcome.files().names()) + " to " + folder);
        out.println();
        out.println("Files:");
        for (String name : outcome.files().names()) {
            out.printf("  %-16s %6d bytes%n", name, Files.size(folder.resolve(name)));
        }
        if (result.issued()) {
            out.println("Serial:   " + result.serialNumber());
            out.println("Names:    " + String.join(", ", result.dnsNames()));
            out.println("Expires:  " + result.notAfter());
        } else {
            out.println("Pending:  request " + result.requestIds() + " of order " + result.orderId());
        }
        out.println("Finished: SUCCESS");
        return 0;
    }

    record Arguments(String scenario, Path out, String endpoint, String order, Path csr, String keyType) {

        static Arguments parse(String[] args) {
            String scenario = "pending";
            Path out = Path.of("target", "digicert-demo");
            String endpoint = null;
            String order = null;
            Path csr = null;
            String keyType = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException("ERROR: " + args[i] + " needs a value.");
                }
                switch (args[i]) {
                    case "--scenario" -> scenario = value;
                    case "--out" -> out = Path.of(value);
                    case "--endpoint" -> endpoint = value;
                    case "--order" -> order = value;
                    case "--csr" -> csr = Path.of(value);
                    case "--key-type" -> keyType = value;
                    default -> throw new IllegalArgumentException("ERROR: unknown option " + args[i]);
                }
                i++;
            }
            if (!List.of("issued", "pending", "rejected", "invalid-key", "rate-limited")
                    .contains(scenario)) {
                throw new IllegalArgumentException("ERROR: unknown scenario " + scenario);
            }
            return new Arguments(scenario, out, endpoint, order, csr, keyType);
        }
    }
}
