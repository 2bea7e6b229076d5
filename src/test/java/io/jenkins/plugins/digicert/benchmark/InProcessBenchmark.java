package io.jenkins.plugins.digicert.benchmark;

import io.jenkins.plugins.digicert.certcentral.ApiKey;
import io.jenkins.plugins.digicert.certcentral.ClientSettings;
import io.jenkins.plugins.digicert.certcentral.RateLimiters;
import io.jenkins.plugins.digicert.duplicate.DuplicateOptions;
import io.jenkins.plugins.digicert.duplicate.DuplicateOutcome;
import io.jenkins.plugins.digicert.duplicate.Duplicator;
import io.jenkins.plugins.digicert.duplicate.ProgressLog;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.TestCsrs;
import io.jenkins.plugins.digicert.workspace.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Part 3 (JMH): the in-process cost of one duplicate issued at once (CSR check, request, chain check, files
 * written) next to a bare OkHttp POST of the same body to the same simulator, which signs a leaf for both.
 */
@State(Scope.Benchmark)
public class InProcessBenchmark {

    private CertCentralSimulator simulator;
    private ClientSettings settings;
    private ApiKey key;
    private byte[] csr;
    private DuplicateOptions options;
    private Path output;
    private OkHttpClient bare;
    private Request barePost;

    @Setup(Level.Trial)
    public void start() throws Exception {
        simulator = CertCentralSimulator.start();
        simulator.addOrder(1234567, "ssl_plus", "example.com", "www.example.com");
        settings =
                ClientSettings.defaults().withBaseUrl(simulator.baseUrl()).withRateLimiters(RateLimiters.unlimited());
        key = ApiKey.of(CertCentralSimulator.API_KEY);
        TestCsrs.TestCsr testCsr = TestCsrs.rsa("example.com");
        csr = testCsr.bytes();
        options = DuplicateOptions.builder("1234567")
                .commonName("example.com")
                .dnsNames(List.of("example.com", "www.example.com"))
                .build();
        output = Files.createTempDirectory("digicert-bench");
        bare = new OkHttpClient();
        String body =
                "{\"certificate\":{\"common_name\":\"example.com\",\"dns_names\":[\"example.com\",\"www.example.com\"],"
                        + "\"csr\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(testCsr.pem())
                        + ",\"signature_hash\":\"sha256\"}}";
        barePost = new Request.Builder()
                .url(simulator.baseUrl() + "order/certificate/1234567/duplicate")
                .header("X-DC-DEVKEY", CertCentralSimulator.API_KEY)
                .header("Accept", "application/json")
                .header("User-Agent", "digicert-duplicate-plugin/benchmark")
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
                .build();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        simulator.close();
        try (var files = Files.list(output)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(output);
    }

    @Benchmark
    public DuplicateOutcome duplicate() throws Exception {
        DuplicateOutcome outcome = Duplicator.run(key, settings, options, csr, ProgressLog.NONE);
        OutputWriter.write(output, outcome.files().contents());
        return outcome;
    }

    @Benchmark
    public String bareOkHttpPost() throws IOException {
        try (Response response = bare.newCall(barePost).execute()) {
            return response.body().string();
        }
    }
}
