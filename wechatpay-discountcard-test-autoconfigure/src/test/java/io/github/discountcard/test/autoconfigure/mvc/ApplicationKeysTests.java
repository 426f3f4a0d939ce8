package io.github.discountcard.test.autoconfigure.mvc;

import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.autoconfigure.AutoConfigureDiscountCardSimulator;
import io.github.discountcard.test.autoconfigure.SimulatedWechatPay;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that configures its own merchant (a key file, a production base URL, an APIv3 key): the kit registers
 * that merchant, so the application signs with its own key, and changes only where the client goes and which keys
 * verify.
 */
@SpringBootTest(classes = MvcShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "wechatpay.mch-id=1230000109", "wechatpay.merchant-serial-number=3775B6A45ACD588826D15E583A95F5DD00000001",
        "wechatpay.private-key=classpath:shop_apiclient_key.pem",
        "wechatpay.api-v3-key=ShopApiV3KeyOf32CharactersLong01", "wechatpay.base-url=https://api.mch.weixin.qq.com",
        "wechatpay.connect-timeout=3s", "shop.card-template-id=SHOP-TEMPLATE", "shop.appid=wxd678efh567hg6787",
        "shop.notify-url=https://shop.example.com/wechatpay/discount-card/notifications" })
@AutoConfigureDiscountCardSimulator
class ApplicationKeysTests {

    @Autowired
    SimulatedWechatPay wechatPay;

    @Autowired
    ShopNotifications notifications;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    @Test
    void theApplicationsOwnMerchantSignsAndDecryptsAgainstTheSimulator() {
        assertThat(this.wechatPay.generatedMerchant()).isFalse();
        assertThat(this.wechatPay.mchId()).isEqualTo("1230000109");
        this.wechatPay.registerCardTemplate(CardTemplate.sample("SHOP-TEMPLATE"));

        String prepared = RestClient.create("http://127.0.0.1:" + this.port).post().uri("/cards/OWN-1").retrieve()
            .body(String.class);
        assertThat(prepared).contains("\"prepare_card_token\"");
        assertThat(this.wechatPay.simulator().lastRequest().orElseThrow().header("Authorization").orElseThrow())
            .contains("mchid=\"1230000109\"").contains("serial_no=\"3775B6A45ACD588826D15E583A95F5DD00000001\"");

        assertThat(this.wechatPay.claimCard("OWN-1").acknowledged()).isTrue();
        assertThat(this.notifications.handled()).contains("USER_ACCEPTED OWN-1");
    }

    @Test
    void onlyWhereTheClientGoesAndWhichKeysVerifyAreChanged() {
        assertThat(this.environment.getProperty("wechatpay.base-url"))
            .isEqualTo(this.wechatPay.simulator().baseUrl());
        assertThat(this.environment.getProperty("wechatpay.public-key-id"))
            .isEqualTo(this.wechatPay.simulator().platformPublicKeyId());
        assertThat(this.environment.getProperty("wechatpay.private-key")).isEqualTo("classpath:shop_apiclient_key.pem");
        assertThat(this.environment.getProperty("wechatpay.api-v3-key")).isEqualTo("ShopApiV3KeyOf32CharactersLong01");
        assertThat(this.environment.getProperty("wechatpay.connect-timeout")).isEqualTo("3s");
        assertThat(this.environment.getProperty("shop.notify-url"))
            .isEqualTo("https://shop.example.com/wechatpay/discount-card/notifications");
    }
}
