package io.github.discountcard.test.autoconfigure;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The kit's parts that need no application context. */
class KitPartsTests {

    @Test
    void notificationsGoToTheTestServerWhateverHostTheNotifyUrlNames() {
        ApplicationServer server = new ApplicationServer(new MockEnvironment().withProperty("local.server.port",
                "54321"));

        assertThat(server.redirect(URI.create("https://shop.example.com/wechatpay/notify?tenant=a%20b")))
            .isEqualTo(URI.create("http://127.0.0.1:54321/wechatpay/notify?tenant=a%20b"));
        assertThat(server.redirect(URI.create("https://shop.example.com"))).hasToString("http://127.0.0.1:54321/");
    }

    @Test
    void withoutARunningServerADeliveryFailsSayingWhatToDo() {
        ApplicationServer server = new ApplicationServer(new MockEnvironment());

        assertThatIllegalStateException().isThrownBy(() -> server.redirect(URI.create("https://shop.example.com/n")))
            .withMessageContaining("WebEnvironment.RANDOM_PORT");
    }

    @Test
    void testClassesWithTheSameKitSettingsShareTheirContext() {
        DiscountCardSimulatorContextCustomizerFactory factory = new DiscountCardSimulatorContextCustomizerFactory();

        assertThat(factory.createContextCustomizer(WithKit.class, List.of()))
            .isEqualTo(factory.createContextCustomizer(AlsoWithKit.class, List.of()))
            .isNotEqualTo(factory.createContextCustomizer(WithGeneratedKeys.class, List.of()));
        assertThat(factory.createContextCustomizer(KitPartsTests.class, List.of())).isNull();
    }

    @Test
    void generatedMerchantKeysNeverShowInToString() {
        SimulatedMerchant merchant = SimulatedMerchant.of(new MockEnvironment(), new MockEnvironmentResourceLoader(),
                true);

        assertThat(merchant.generated()).isTrue();
        assertThat(merchant.toString()).doesNotContain(merchant.apiV3Key()).contains("******");
    }

    @AutoConfigureDiscountCardSimulator
    static class WithKit {
    }

    @AutoConfigureDiscountCardSimulator
    static class AlsoWithKit {
    }

    @AutoConfigureDiscountCardSimulator(useApplicationKeys = false)
    static class WithGeneratedKeys {
    }

    static class MockEnvironmentResourceLoader extends org.springframework.core.io.DefaultResourceLoader {
    }
}
