package io.github.discountcard.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated configuration metadata, which IDEs show as help, lists every property with a description. */
class ConfigurationMetadataTests {

    @Test
    void everyPropertyHasADescription() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated spring-configuration-metadata.json").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            assertThat(property.path("description").asString("")).as(name + " description").isNotBlank();
        }
        assertThat(names).contains("wechatpay.enabled", "wechatpay.mch-id", "wechatpay.merchant-serial-number",
                "wechatpay.private-key", "wechatpay.public-key", "wechatpay.public-key-id",
                "wechatpay.platform-certificates", "wechatpay.api-v3-key", "wechatpay.base-url",
                "wechatpay.connect-timeout", "wechatpay.response-timeout", "wechatpay.timestamp-window",
                "wechatpay.max-response-size", "wechatpay.ssl.bundle", "wechatpay.proxy.host", "wechatpay.proxy.port",
                "wechatpay.proxy.username", "wechatpay.proxy.password", "wechatpay.proxy.non-proxy-hosts");
        assertThat(names).allMatch((name) -> name.startsWith("wechatpay."));
        // every bindable property of WechatPayProperties is documented (none forgotten by the processor)
        long setters = java.util.Arrays.stream(WechatPayProperties.class.getMethods())
            .filter((m) -> m.getName().startsWith("set") && m.getParameterCount() == 1)
            .count();
        assertThat(names.stream().filter((n) -> n.chars().filter((c) -> c == '.').count() == 1)).hasSize((int) setters);
    }
}
