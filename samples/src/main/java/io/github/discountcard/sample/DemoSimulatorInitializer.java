package io.github.discountcard.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.TestMerchant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode: when {@code wechatpay.mch-id} is not configured, starts the WeChat Pay simulator in-process,
 * generates throw-away merchant keys, seeds order {@value #DEMO_ORDER} and points {@code wechatpay.*} at the
 * simulator. With {@code wechatpay.*} set (environment variables or a profile) it does nothing: the app then
 * talks to the real API.
 */
public class DemoSimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The order seeded in demo mode. */
    public static final String DEMO_ORDER = "DEMO-ORDER-0001";

    /** The out_trade_no of the seeded order. */
    public static final String DEMO_TRADE_NO = "DEMO-TRADE-0001";

    /** The card template registered on the simulator in demo mode. */
    public static final String DEMO_CARD_TEMPLATE = "DEMO-CARD-TEMPLATE-0001";

    /** The appid cards are prepared with in demo mode. */
    public static final String DEMO_APPID = "wxd678efh567hg6787";

    /** Set when the app runs against the in-process simulator. */
    public static final String DEMO_MODE_PROPERTY = "sample.demo-mode";

    private static final Log logger = LogFactory.getLog(DemoSimulatorInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.containsProperty("wechatpay.mch-id")
                || !environment.getProperty("sample.simulator.enabled", Boolean.class, true)) {
            return;
        }
        TestMerchant merchant = TestMerchant.generate();
        DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start();
        simulator.registerMerchant(merchant);
        simulator.createOrder(DEMO_ORDER, DEMO_TRADE_NO);
        simulator.registerCardTemplate(CardTemplate.sample(DEMO_CARD_TEMPLATE));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("wechatpay.mch-id", merchant.mchId());
        properties.put("wechatpay.merchant-serial-number", merchant.serialNumber());
        properties.put("wechatpay.private-key", merchant.privateKeyPem());
        properties.put("wechatpay.public-key", PemWriter.publicKey(simulator.platformPublicKey()));
        properties.put("wechatpay.public-key-id", simulator.platformPublicKeyId());
        properties.put("wechatpay.base-url", simulator.baseUrl());
        properties.put("wechatpay.api-v3-key", merchant.apiV3Key());
        properties.put(DEMO_MODE_PROPERTY, true);
        properties.putIfAbsent("sample.cards.card-template-id", DEMO_CARD_TEMPLATE);
        properties.putIfAbsent("sample.cards.appid", DEMO_APPID);
        environment.getPropertySources().addFirst(new MapPropertySource("wechatpayDemoSimulator", properties));
        context.getBeanFactory().registerSingleton("wechatpayDemoSimulator", simulator);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> simulator.close());
        logger.info("No wechatpay.* configuration: demo mode against the in-process WeChat Pay simulator at "
                + simulator.baseUrl() + " with merchant " + merchant.mchId() + " and order " + DEMO_ORDER);
    }
}
