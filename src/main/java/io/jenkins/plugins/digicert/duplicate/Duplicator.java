package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.CsrParser;
import io.jenkins.plugins.digicert.pki.KeyType;
import io.jenkins.plugins.digicert.workspace.WorkspaceFiles;
import io.jenkins.plugins.digicert.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One duplicate, from what the user gave to the files to write: the one call the Jenkins layer makes. The order
 * protects the user: every parameter is checked first, then the API key is fetched, then the CSR is read (in
 * Jenkins: on the agent) and checked; only then is CertCentral called.
 *
 * <p>This is also the last step before text leaves the core, so everything that goes out is masked here with the
 * key: progress lines, the result, the files and exception messages. A server may echo the key in any
 * escaping, and a parser decodes it on the way in.
 */
public final class Duplicator {

    /** Where the API key comes from (in Jenkins: the build's credential); its refusals are the user's to fix. */
    @FunctionalInterface
    public interface KeySource {
        ApiKey get() throws DigicertException;
    }

    /**
     * Where the workspace lives (in Jenkins: on the agent): reads the CSR at a checked workspace-relative path, or
     * makes a key pair and its CSR there ({@link AgentKeys#make}), of which only the CSR comes back.
     */
    @FunctionalInterface
    public interface CsrSource {
        byte[] read(String workspacePath) throws DigicertException, IOException, InterruptedException;

        default byte[] make(KeyType type, String commonName, List<String> dnsNames, String keyFile)
                throws DigicertException, IOException, InterruptedException {
            throw new DigicertException("Making a key pair is not available here; give csrFile.");
        }

        /** A workspace in this JVM: the demo's, and the tests'. */
        static CsrSource in(Path workspace) {
            return new CsrSource() {
                @Override
                public byte[] read(String path) throws DigicertException, IOException {
                    return WorkspaceFiles.readCsr(workspace, path, CsrParser.MAX_BYTES);
                }

                @Override
                public byte[] make(KeyType type, String commonName, List<String> dnsNames, String keyFile)
                        throws DigicertException, IOException {
                    return AgentKeys.make(workspace, type, commonName, dnsNames, keyFile)
                            .getBytes(StandardCharsets.US_ASCII);
                }
            };
        }
    }

    private Duplicator() {}

    /**
     * One duplicate in one go, waiting in this thread (the freestyle builder).
     *
     * @param waiting the configured waiting: its intervals, and the timeout for a step that gives none
     * @return the outcome, with the files and the workspace directory they belong in
     */
    public static DuplicateOutcome run(
            StepParameters parameters,
            WaitPolicy waiting,
            ClientSettings settings,
            KeySource key,
            CsrSource csrFile,
            DuplicateRecords records,
            ProgressLog log)
            throws DigicertException, IOException, InterruptedException {
        Prepared prepared = prepare(parameters, waiting, key, csrFile, log);
        String outputDir = prepared.checked().outputDir();
        return masked(
                prepared.key(),
                log,
                (workflow, masked) -> {
                    Request request = request(workflow, prepared, csrFile, records, masked);
                    return workflow.run(request.options(), request.csr(), records, outputDir)
                            .masked(prepared.key()::mask);
                },
                settings);
    }

    /** One duplicate from checked options and the CSR's bytes: what the demo, the benchmarks and the tests call. */
    public static DuplicateOutcome run(
            ApiKey key, ClientSettings settings, DuplicateOptions options, byte[] csrFile, ProgressLog log)
            throws DigicertException, InterruptedException {
        return run(key, settings, options, csrFile, DuplicateRecords.inMemory(), "", log);
    }

    private static DuplicateOutcome run(
            ApiKey key,
            ClientSettings settings,
            DuplicateOptions options,
            byte[] csrFile,
            DuplicateRecords records,
            String outputDir,
            ProgressLog log)
            throws DigicertException, InterruptedException {
        return masked(
                key,
                log,
                (workflow, masked) -> workflow.run(options, parse(csrFile, masked), records, outputDir)
                        .masked(key::mask),
                settings);
    }

    /**
     * Where a duplicate that may wait across a restart stands after a phase: finished (with the outcome), or waiting
     * for its next check. The record is what the caller keeps (a Pipeline step: in its program state) to go on.
     */
    public static final class Stage {
        private final DuplicateRecord record;
        private final DuplicateOutcome outcome;

        private Stage(DuplicateRecord record, DuplicateOutcome outcome) {
            this.record = record;
            this.outcome = outcome;
        }

        public DuplicateRecord record() {
            return record;
        }

        /** The outcome once there is one: issued, or pending when the step does not wait. */
        public Optional<DuplicateOutcome> outcome() {
            return Optional.ofNullable(outcome);
        }
    }

    /**
     * The first phase of a duplicate that waits without holding a thread: checks, key, CSR, then the request is sent
     * or this build's earlier one adopted ({@link DuplicateWorkflow#begin}). The caller schedules the next check at
     * {@link DuplicateRecord#nextCheck()} and then calls {@link #check}.
     *
     * @param outputDir receives the checked output directory, which the caller keeps for the files
     */
    public static Stage begin(
            StepParameters parameters,
            WaitPolicy waiting,
            ClientSettings settings,
            KeySource key,
            CsrSource csrFile,
            DuplicateRecords records,
            ProgressLog log,
            Consumer<String> outputDir)
            throws DigicertException, IOException, InterruptedException {
        Prepared prepared = prepare(parameters, waiting, key, csrFile, log);
        Checked checked = prepared.checked();
        ApiKey apiKey = prepared.key();
        outputDir.accept(checked.outputDir());
        return masked(
                apiKey,
                log,
                (workflow, masked) -> {
                    Request request = request(workflow, prepared, csrFile, records, masked);
                    DuplicateRecord record = workflow.begin(request.options(), request.csr(), records);
                    if (record.status() == DuplicateRecord.Status.ISSUED) {
                        return new Stage(
                                record,
                                workflow.finish(record, records, checked.outputDir())
                                        .masked(apiKey::mask));
                    }
                    if (!checked.options().waitPolicy().enabled()) {
                        return new Stage(
                                record,
                                workflow.pending(record, records, checked.outputDir())
                                        .masked(apiKey::mask));
                    }
                    return new Stage(record, null);
                },
                settings);
    }

    /** One status check of a waiting duplicate, and the files once it is issued (also after a restart). */
    public static Stage check(
            DuplicateRecord record,
            String outputDir,
            ClientSettings settings,
            KeySource key,
            DuplicateRecords records,
            ProgressLog log)
            throws DigicertException, InterruptedException {
        ApiKey apiKey = key.get();
        return masked(
                apiKey,
                log,
                (workflow, masked) -> {
                    if (record.status() != DuplicateRecord.Status.ISSUED) {
                        workflow.check(record, records);
                    }
                    if (record.status() == DuplicateRecord.Status.ISSUED) {
                        return new Stage(
                                record,
                                workflow.finish(record, records, outputDir).masked(apiKey::mask));
                    }
                    return new Stage(record, null);
                },
                settings);
    }

    /** @param csrPath null when the step makes the key ({@code keyType}) */
    private record Checked(String csrPath, Optional<KeyType> keyType, String outputDir, DuplicateOptions options) {}

    /** @param csr null when the step makes the key: the CSR is made once the names are known */
    private record Prepared(Checked checked, ApiKey key, byte[] csr) {}

    /** The options with the names settled, and the CSR to send. */
    private record Request(DuplicateOptions options, CertificateRequest csr) {}

    /** In the order that protects the user: every parameter, then the key, then the CSR file. */
    private static Prepared prepare(
            StepParameters parameters, WaitPolicy waiting, KeySource key, CsrSource csrFile, ProgressLog log)
            throws DigicertException, IOException, InterruptedException {
        Checked checked = check(parameters, waiting);
        ApiKey apiKey = key.get();
        if (checked.keyType().isPresent()) {
            log.line("DigiCert: duplicating order " + checked.options().orderId() + " with a new "
                    + checked.keyType().get().label() + " key pair made on the agent");
            return new Prepared(checked, apiKey, null);
        }
        byte[] csr = csrFile.read(checked.csrPath());
        log.line("DigiCert: duplicating order " + checked.options().orderId() + " with the CSR " + checked.csrPath());
        return new Prepared(checked, apiKey, csr);
    }

    /**
     * The CSR to send: the file's, or one made on the agent with a new key pair for the names to request (read from
     * the order first when not given, and checked against DigiCert's rules before any key is made). A step run
     * again in the same build goes on with the key it made before, for the same order: never a second key for one
     * request.
     */
    private static Request request(
            DuplicateWorkflow workflow, Prepared prepared, CsrSource source, DuplicateRecords records, ProgressLog log)
            throws DigicertException, InterruptedException {
        DuplicateOptions options = prepared.checked().options();
        Optional<KeyType> type = prepared.checked().keyType();
        if (type.isEmpty()) {
            return new Request(options, parse(prepared.csr(), log));
        }
        String keyFile = options.keyFile().orElseThrow();
        // The same order and the same key file: another privateKeyFile in the same build is another key.
        Optional<DuplicateRecord> earlier = records.all().stream()
                .filter(r -> r.orderId() == options.orderId()
                        && r.keyMadeByStep()
                        && keyFile.equals(r.keyFile())
                        && r.status() != DuplicateRecord.Status.REJECTED)
                .reduce((first, second) -> second);
        if (earlier.isPresent()) {
            log.line("This build already made a key pair for order " + options.orderId() + " (request "
                    + earlier.get().requestLabel() + "): going on with it; no new key is made");
            return new Request(options, parse(earlier.get().csrPem().getBytes(StandardCharsets.US_ASCII), log));
        }
        DuplicateWorkflow.Names names = workflow.names(options);
        DuplicateOptions named = options.withNames(names.commonName(), names.dnsNames(), names.order());
        log.line("Making an " + type.get().label() + " key pair and a CSR on the agent for " + names.commonName()
                + (names.dnsNames().isEmpty() ? "" : " (" + String.join(", ", names.dnsNames()) + ")")
                + "; the private key stays there, as "
                + io.jenkins.plugins.digicert.workspace.PrivateKeyFiles.pendingPath(keyFile, "<key>") + " until the "
                + "certificate is written");
        byte[] csr;
        try {
            csr = source.make(type.get(), names.commonName(), names.dnsNames(), keyFile);
        } catch (IOException e) {
            throw new DigicertException("The key pair could not be written in the workspace: " + e.getMessage(), e);
        }
        return new Request(named, parse(csr, log));
    }

    private static CertificateRequest parse(byte[] csrFile, ProgressLog masked) throws DigicertException {
        CertificateRequest csr = CsrParser.parse(csrFile);
        masked.line("CSR: " + csr.algorithm()
                + csr.commonName().map(cn -> ", CN=" + cn).orElse(""));
        return csr;
    }

    private static Checked check(StepParameters parameters, WaitPolicy waiting) throws InvalidInputException {
        Optional<KeyType> keyType = Inputs.keyType(parameters.csrFile(), parameters.keyType());
        OptionConflict.refuse(keyType.isPresent(), false, false, parameters.keystore());
        String csrPath = keyType.isPresent() ? null : WorkspacePaths.check(parameters.csrFile(), "csrFile");
        String outputDir = WorkspacePaths.normalizeDirectory(
                WorkspacePaths.check(blankToDefault(parameters.outputDir(), Defaults.OUTPUT_DIR), "outputDir"));
        String keyFile = WorkspacePaths.check(
                blankToDefault(
                        parameters.privateKeyFile(),
                        outputDir.isEmpty() ? Defaults.PRIVATE_KEY_FILE : outputDir + "/" + Defaults.PRIVATE_KEY_FILE),
                "privateKeyFile");
        return new Checked(csrPath, keyType, outputDir, options(parameters, waiting, keyFile, keyType.isPresent()));
    }

    @FunctionalInterface
    private interface Phase<T> {
        T run(DuplicateWorkflow workflow, ProgressLog masked) throws DigicertException, InterruptedException;
    }

    /** Runs a phase with everything that leaves it masked with the key: log lines, results, exception messages. */
    private static <T> T masked(ApiKey key, ProgressLog log, Phase<T> phase, ClientSettings settings)
            throws DigicertException, InterruptedException {
        ProgressLog masked = text -> log.line(key.mask(text));
        try {
            CertCentralClient client = new CertCentralClient(key, settings, masked::line);
            DuplicateWorkflow workflow = new DuplicateWorkflow(client, settings.time(), masked);
            return phase.run(workflow, masked);
        } catch (DigicertException e) {
            e.maskMessage(key::mask);
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e, key);
        }
    }

    private static DuplicateOptions options(
            StepParameters parameters, WaitPolicy waiting, String keyFile, boolean keyMadeByStep)
            throws InvalidInputException {
        return DuplicateOptions.builder(parameters.orderId())
                .requestId(parameters.requestId())
                .commonName(parameters.commonName())
                .dnsNames(parameters.dnsNames())
                .signatureHash(parameters.signatureHash())
                .serverPlatformId(parameters.serverPlatformId())
                .caCertId(parameters.caCertId())
                .waitPolicy(waiting.forStep(
                        parameters.waitForIssuance(), Inputs.timeoutMinutes(parameters.timeoutMinutes())))
                .reuseDaysLeft(parameters.reuseDaysLeft())
                .keyFile(keyFile, keyMadeByStep)
                .build();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A bug of ours, not a condition the user can fix: said as such, without the original exception, whose
     * message may quote what a server sent; its stack is kept for the report.
     */
    private static DigicertException unexpected(RuntimeException e, ApiKey key) {
        DigicertException failure = new DigicertException("The DigiCert plugin failed unexpectedly ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "). Nothing was written. Please report this with the build log.");
        failure.maskMessage(key::mask);
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }
}
