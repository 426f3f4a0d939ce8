package io.github.discountcard.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ResourceHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Keeps the key files named as {@code classpath:} locations in {@code wechatpay.private-key},
 * {@code wechatpay.public-key} and {@code wechatpay.platform-certificates} in a native image, which holds no class
 * path resource it was not told about. Only the build's configuration is known here: a location given at run time
 * only must be a {@code file:} location (or inline PEM). Nothing is read; only the names are registered.
 */
final class WechatPayKeyResourcesAotProcessor implements BeanFactoryInitializationAotProcessor {

    private static final String CLASSPATH = "classpath:";

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
            return null;
        }
        List<String> locations = classpathLocations(beanFactory.getBean(
                ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class));
        if (locations.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            ResourceHints resources = generationContext.getRuntimeHints().resources();
            locations.forEach(resources::registerPattern);
        };
    }

    /** The class path resources (without {@code classpath:} and a leading slash) the key properties name. */
    static List<String> classpathLocations(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> values = new ArrayList<>();
        binder.bind("wechatpay.private-key", String.class).ifBound(values::add);
        binder.bind("wechatpay.public-key", String.class).ifBound(values::add);
        binder.bind("wechatpay.platform-certificates", Bindable.listOf(String.class)).ifBound(values::addAll);
        List<String> locations = new ArrayList<>();
        for (String value : values) {
            String trimmed = value.trim();
            // as DefaultResourceLoader reads it: the prefix is case-sensitive
            if (trimmed.startsWith(CLASSPATH)) {
                String path = trimmed.substring(CLASSPATH.length()).trim();
                while (path.startsWith("/")) {
                    path = path.substring(1);
                }
                if (!path.isEmpty()) {
                    locations.add(path);
                }
            }
        }
        return locations;
    }
}
