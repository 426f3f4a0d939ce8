package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.notification.CardNotificationPayload;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.ResourcePatternHint;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.ResourceHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints Spring AOT collects for an application with the starter on its class path: what
 * {@code aot.factories} of the client and of this module contribute, found the way Spring AOT finds them.
 */
class WechatPayRuntimeHintsTests {

    private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    private static final ResourceHintsPredicates resources = RuntimeHintsPredicates.resource();

    @Test
    void thePropertyClassesCanBeBoundIncludingTheirNestedGroups() throws Exception {
        RuntimeHints hints = fromAotFactories();
        assertThat(reflection.onType(WechatPayProperties.class)).accepts(hints);
        assertThat(reflection.onMethodInvocation(WechatPayProperties.class, "setMchId")).accepts(hints);
        assertThat(reflection.onMethodInvocation(WechatPayProperties.class, "getRetry")).accepts(hints);
        assertThat(reflection.onMethodInvocation(WechatPayProperties.Retry.class, "setMaxAttempts")).accepts(hints);
        assertThat(reflection.onMethodInvocation(WechatPayProperties.Proxy.class, "setHost")).accepts(hints);
        assertThat(reflection.onMethodInvocation(WechatPayNotificationProperties.class, "setPath")).accepts(hints);
    }

    @Test
    void theClientsModelsAndPayloadsAreCoveredOnTheStartersClassPath() {
        RuntimeHints hints = fromAotFactories();
        assertThat(reflection.onType(DiscountCardOrder.class)).accepts(hints);
        assertThat(reflection.onType(CardNotificationPayload.class)).accepts(hints);
    }

    @Test
    void theFailureAnalyzersCanBeCreatedFromSpringFactories() throws Exception {
        RuntimeHints hints = fromAotFactories();
        assertThat(reflection.onConstructorInvocation(
                WechatPayConfigurationFailureAnalyzer.class.getDeclaredConstructor())).accepts(hints);
        assertThat(reflection.onConstructorInvocation(WechatPayBindFailureAnalyzer.class.getDeclaredConstructor(
                Environment.class)))
            .accepts(hints);
    }

    @Test
    void keyFilesNamedAsClassPathLocationsAreKeptAndNothingElse() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("wechatpay.private-key", " classpath:keys/apiclient_key.pem ")
            .withProperty("wechatpay.public-key", "file:/etc/wechatpay/pub_key.pem")
            .withProperty("wechatpay.platform-certificates[0]", "classpath:/certs/wechatpay_1.pem")
            .withProperty("wechatpay.platform-certificates[1]", "-----BEGIN CERTIFICATE-----\\nMIIB\\n");
        RuntimeHints hints = contributedBy(environment);
        assertThat(resources.forResource("keys/apiclient_key.pem")).accepts(hints);
        assertThat(resources.forResource("certs/wechatpay_1.pem")).accepts(hints);
        assertThat(resources.forResource("etc/wechatpay/pub_key.pem")).rejects(hints);
        assertThat(hints.resources().resourcePatternHints().flatMap((patterns) -> patterns.getIncludes().stream())
            .map(ResourcePatternHint::getPattern))
            .contains("keys/apiclient_key.pem", "certs/wechatpay_1.pem")
            .noneMatch((pattern) -> pattern.contains("pub_key") || pattern.contains("BEGIN"));
    }

    @Test
    void inlineKeysNeedNoResource() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("wechatpay.private-key", "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----")
            .withProperty("wechatpay.public-key", "file:/etc/wechatpay/pub_key.pem");
        assertThat(processed(environment)).isNull();
    }

    @Test
    void theKeyResourceProcessorIsListedForSpringAot() {
        assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
            .hasAtLeastOneElementOfType(WechatPayKeyResourcesAotProcessor.class);
    }

    private static RuntimeHints fromAotFactories() {
        RuntimeHints hints = new RuntimeHints();
        AotServices.factories().load(RuntimeHintsRegistrar.class)
            .forEach((registrar) -> registrar.registerHints(hints, WechatPayRuntimeHintsTests.class.getClassLoader()));
        return hints;
    }

    private static BeanFactoryInitializationAotContribution processed(MockEnvironment environment) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);
        return new WechatPayKeyResourcesAotProcessor().processAheadOfTime(beanFactory);
    }

    private static RuntimeHints contributedBy(MockEnvironment environment) {
        BeanFactoryInitializationAotContribution contribution = processed(environment);
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generationContext = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
        contribution.applyTo(generationContext, null);
        return generationContext.getRuntimeHints();
    }
}
