package io.github.discountcard.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample: {@code GET} and {@code PATCH /orders/{outOrderNo}} through the injected
 * {@link io.github.discountcard.client.DiscountCardClient}. Without {@code wechatpay.*} configuration it runs
 * against an in-process simulator (see {@link DemoSimulatorInitializer}).
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
