package io.github.discountcard.test.autoconfigure.mvc;

import java.time.Duration;

import io.github.discountcard.client.BlockingDiscountCardClient;
import io.github.discountcard.client.DiscountCardClient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small Spring MVC service as merchants write them: servlet stack, the blocking client in its controllers, a
 * blocking notification handler. Its {@code notify_url} names its production host; the tests run it against the
 * simulator with {@code @AutoConfigureDiscountCardSimulator} only.
 */
@SpringBootApplication
public class MvcShopApplication {

    /** Servlet threads wait at most 5 s for WeChat Pay, well within the 30 s the client may spend retrying. */
    @Bean
    BlockingDiscountCardClient blockingDiscountCardClient(DiscountCardClient client) {
        return client.blocking(Duration.ofSeconds(5));
    }
}
