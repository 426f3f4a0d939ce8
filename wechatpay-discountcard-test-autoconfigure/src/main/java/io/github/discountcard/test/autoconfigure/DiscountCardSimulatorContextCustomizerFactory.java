package io.github.discountcard.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link AutoConfigureDiscountCardSimulator} on a test class (or an enclosing or super class) and adds the
 * {@link DiscountCardSimulatorContextCustomizer}. Registered in {@code META-INF/spring.factories}.
 */
class DiscountCardSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureDiscountCardSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureDiscountCardSimulator.class);
        return (annotation != null) ? new DiscountCardSimulatorContextCustomizer(annotation.useApplicationKeys())
                : null;
    }
}
