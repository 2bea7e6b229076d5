package io.jenkins.plugins.digicert.demo;

import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.Issuance;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The CertCentral simulator on its own, for trying the plugin in a local Jenkins ({@code mvn hpi:run}) without a
 * DigiCert account: {@code mvn -f pom-core.xml -q test-compile exec:java@simulator}. It prints the URL to set as the
 * custom region and the API key to store as a Secret text credential, then serves until stopped. Order 1234567
 * ({@code demo.example.com}, {@code www.demo.example.com}) issues duplicates after two checks.
 */
public final class SimulatorMain {

    static final long ORDER = 1234567;

    private SimulatorMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        try (CertCentralSimulator simulator = start(System.out)) {
            Thread.currentThread().join();
        }
    }

    static CertCentralSimulator start(PrintStream out) throws IOException {
        CertCentralSimulator simulator = CertCentralSimulator.start();
        simulator.addOrder(
                ORDER,
                "ssl_plus",
                LocalDate.now(ZoneOffset.UTC).plusDays(300),
                "demo.example.com",
                "www.demo.example.com");
        simulator.setIssuance(Issuance.pendingThenIssued(2));
        out.println("Simulated CertCentral: " + simulator.baseUrl());
        out.println("  Manage Jenkins > System > DigiCert CertCentral: region Custom, URL " + simulator.baseUrl());
        out.println("  Secret text credential (the simulator's API key): " + CertCentralSimulator.API_KEY);
        out.println("  Order: " + ORDER + " (demo.example.com, www.demo.example.com)");
        return simulator;
    }
}
