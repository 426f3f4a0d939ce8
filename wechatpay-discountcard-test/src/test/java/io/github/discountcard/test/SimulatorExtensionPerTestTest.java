package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension on an instance field runs one simulator per test and closes it after the test. */
class SimulatorExtensionPerTestTest {

    static final Set<DiscountCardSimulator> SEEN = new HashSet<>();

    @RegisterExtension
    final DiscountCardSimulatorExtension perTest = new DiscountCardSimulatorExtension();

    @RepeatedTest(2)
    void runsOneSimulatorPerTest(DiscountCardSimulator simulator) {
        assertThat(simulator).isSameAs(this.perTest.simulator());
        assertThat(simulator.isRunning()).isTrue();
        assertThat(SEEN.add(simulator)).isTrue();
    }

    @AfterAll
    static void allClosed() {
        assertThat(SEEN).hasSize(2).allSatisfy((simulator) -> assertThat(simulator.isRunning()).isFalse());
    }
}
