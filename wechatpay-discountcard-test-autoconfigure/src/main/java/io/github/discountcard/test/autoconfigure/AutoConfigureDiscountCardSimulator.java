package io.github.discountcard.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} of the application against an in-process WeChat Pay simulator: no credentials, no
 * network, no {@code wechatpay.*} property written by hand.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * @AutoConfigureDiscountCardSimulator
 * class CardLifeTests {
 *
 *     @Autowired
 *     SimulatedWechatPay wechatPay;
 *     ...
 * }
 * }</pre>
 *
 * Before the application context starts, the kit
 * <ul>
 * <li>starts a {@link io.github.discountcard.test.DiscountCardSimulator} on loopback (public-key mode);</li>
 * <li>registers a test merchant with it: the application's own {@code wechatpay.mch-id},
 * {@code merchant-serial-number}, {@code private-key} and {@code api-v3-key} when they are configured (and
 * {@link #useApplicationKeys()}), else generated ones;</li>
 * <li>adds a property source, ahead of the application's, with only the {@code wechatpay.*} properties that point
 * the starter at the simulator: {@code base-url}, the simulator's {@code public-key} and {@code public-key-id} (no
 * platform certificates, no download), and the merchant's id, serial, private key and APIv3 key when generated.
 * The application's other configuration is left as it is;</li>
 * <li>sends the notifications of the application's cards (to whatever host their {@code notify_url} names) and of
 * its orders (GET_CARD, SETTLEMENT) to the application's own endpoint on the test server's port.</li>
 * </ul>
 * A {@link SimulatedWechatPay} bean drives the simulator from the test; the
 * {@link io.github.discountcard.test.DiscountCardSimulator} is a bean too. The kit resets the simulator's records and
 * faults before each test method. Notifications need a running server: use {@code webEnvironment = RANDOM_PORT} (or
 * {@code DEFINED_PORT}).
 * <p>
 * One simulator serves each application context; Spring's test context cache shares both between test classes with
 * the same configuration, and the simulator stops when the context closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureDiscountCardSimulator {

    /**
     * Whether the merchant the application configured ({@code wechatpay.mch-id}, {@code merchant-serial-number},
     * {@code private-key}, optional {@code api-v3-key}) is registered with the simulator when all three are set, so
     * that the application signs with its own keys; {@code true} by default. With {@code false}, or when any is
     * missing, a merchant with generated keys is registered and configured instead.
     * @return whether to use the application's merchant keys when present
     */
    boolean useApplicationKeys() default true;
}
