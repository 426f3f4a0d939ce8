package io.github.discountcard.test.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the simulator before the application context refreshes, registers the merchant and adds the
 * {@code wechatpay.*} properties that point the starter at it (see {@link AutoConfigureDiscountCardSimulator}).
 * Equal customizers share a cached context, so equality is by the annotation's attributes.
 */
final class DiscountCardSimulatorContextCustomizer implements ContextCustomizer {

    /** The name of the property source the kit adds, first of all. */
    static final String PROPERTY_SOURCE_NAME = "discountCardSimulator";

    /** The starter's notification path when {@code wechatpay.notifications.path} is not set. */
    static final String DEFAULT_NOTIFICATION_PATH = "/wechatpay/discount-card/notifications";

    private final boolean useApplicationKeys;

    DiscountCardSimulatorContextCustomizer(boolean useApplicationKeys) {
        this.useApplicationKeys = useApplicationKeys;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        SimulatedMerchant merchant = SimulatedMerchant.of(environment, context, this.useApplicationKeys);
        DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start();
        try {
            simulator.registerMerchant(merchant.mchId(), merchant.serialNumber(), merchant.publicKey(),
                    merchant.apiV3Key());
            ApplicationServer server = new ApplicationServer(environment);
            simulator.notifications().redirect(server::redirect);
            // the orders family's URL is set in the card template at WeChat; the redirect puts in the port
            String path = environment.getProperty("wechatpay.notifications.path", DEFAULT_NOTIFICATION_PATH);
            simulator.notifications().registerNotifyUrl(merchant.mchId(), URI.create("http://127.0.0.1" + path));
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                    properties(simulator, merchant)));
            SimulatedWechatPay wechatPay = new SimulatedWechatPay(simulator, merchant.mchId(),
                    merchant.generated());
            context.getBeanFactory().registerSingleton("discountCardSimulator", simulator);
            context.getBeanFactory().registerSingleton("simulatedWechatPay", wechatPay);
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
                // a child context (the management server's, say) publishes its closing to this one too
                if (event.getApplicationContext() == context) {
                    simulator.close();
                }
            });
        }
        catch (RuntimeException ex) {
            simulator.close();
            throw ex;
        }
    }

    private static Map<String, Object> properties(DiscountCardSimulator simulator, SimulatedMerchant merchant) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("wechatpay.base-url", simulator.baseUrl());
        properties.put("wechatpay.public-key", PemWriter.publicKey(simulator.platformPublicKey()));
        properties.put("wechatpay.public-key-id", simulator.platformPublicKeyId());
        // public-key mode only: certificates the application may configure would not verify the simulator
        properties.put("wechatpay.platform-certificates", "");
        properties.put("wechatpay.certificates.download", "false");
        if (merchant.generated()) {
            properties.put("wechatpay.mch-id", merchant.mchId());
            properties.put("wechatpay.merchant-serial-number", merchant.serialNumber());
            properties.put("wechatpay.private-key", merchant.privateKeyPem());
        }
        if (merchant.apiV3KeyGenerated()) {
            properties.put("wechatpay.api-v3-key", merchant.apiV3Key());
        }
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return (other instanceof DiscountCardSimulatorContextCustomizer that)
                && this.useApplicationKeys == that.useApplicationKeys;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(this.useApplicationKeys) + DiscountCardSimulatorContextCustomizer.class.hashCode();
    }
}
