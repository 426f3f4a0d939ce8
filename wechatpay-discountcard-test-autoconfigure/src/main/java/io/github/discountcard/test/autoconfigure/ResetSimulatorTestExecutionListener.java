package io.github.discountcard.test.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the kit's simulator (recorded requests and notifications, faults) before each test method, so that one test's
 * records and faults never leak into the next while the simulator and the application context are shared. Cards,
 * orders, templates and the merchant stay. Registered in {@code META-INF/spring.factories}; it never loads a context
 * itself.
 */
class ResetSimulatorTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        // after dependency injection, before the test's own @BeforeEach methods
        return 2000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        testContext.getApplicationContext().getBeanProvider(SimulatedWechatPay.class)
            .ifAvailable(SimulatedWechatPay::reset);
    }
}
