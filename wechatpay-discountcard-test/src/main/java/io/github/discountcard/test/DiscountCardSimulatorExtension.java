package io.github.discountcard.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link DiscountCardSimulator} for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension();
 *
 * @Test
 * void updates(DiscountCardSimulator simulator) { ... }
 * }</pre>
 *
 * On a static field the simulator starts before all tests and closes after all; on an instance field it starts
 * before and closes after each test. Before each test it is {@link DiscountCardSimulator#reset() reset} (recorded
 * requests and faults cleared; orders and merchants stay). Test and lifecycle method parameters of type
 * {@link DiscountCardSimulator} are resolved to it. Nested test classes share the outer class's simulator.
 */
public final class DiscountCardSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final DiscountCardSimulator simulator;

    /** The unique id of the extension context whose callback started the simulator. */
    private @Nullable String startedBy;

    /** A simulator in public-key mode with default options. */
    public DiscountCardSimulatorExtension() {
        this(DiscountCardSimulator.builder());
    }

    /** A simulator with default options in the given signing mode. */
    public DiscountCardSimulatorExtension(SigningMode mode) {
        this(DiscountCardSimulator.builder().mode(mode));
    }

    /** A simulator with the builder's options. */
    public DiscountCardSimulatorExtension(DiscountCardSimulator.Builder builder) {
        this.simulator = Objects.requireNonNull(builder, "builder").build();
    }

    /** The simulator (running between the callbacks that start and stop it). */
    public DiscountCardSimulator simulator() {
        return this.simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfStopped(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIfStopped(context);
        this.simulator.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DiscountCardSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return this.simulator;
    }

    private synchronized void startIfStopped(ExtensionContext context) {
        if (!this.simulator.isRunning()) {
            this.simulator.start();
            this.startedBy = context.getUniqueId();
        }
    }

    private synchronized void stopIfStartedBy(ExtensionContext context) {
        if (context.getUniqueId().equals(this.startedBy)) {
            this.startedBy = null;
            this.simulator.close();
        }
    }

    @Override
    public String toString() {
        return "DiscountCardSimulatorExtension[" + this.simulator + "]";
    }
}
