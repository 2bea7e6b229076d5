package io.jenkins.plugins.digicert.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh CertCentral simulator for each test: {@code @ExtendWith(SimulatorExtension.class)} and a
 * {@link CertCentralSimulator} parameter on the test or its {@code @BeforeEach} method. After the test it is
 * closed, and the test fails if the client sent a request CertCentral would refuse.
 */
public final class SimulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SimulatorExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put(CertCentralSimulator.class, CertCentralSimulator.start());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        CertCentralSimulator simulator =
                context.getStore(NAMESPACE).remove(CertCentralSimulator.class, CertCentralSimulator.class);
        if (simulator != null) {
            simulator.close();
            assertEquals(List.of(), simulator.violations(), "requests CertCentral would refuse");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CertCentralSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(CertCentralSimulator.class, CertCentralSimulator.class);
    }
}
