package io.github.discountcard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ResponseSignatureTests {

    @Test
    void headerNames() {
        assertThat(ResponseSignature.SERIAL_HEADER).isEqualTo("Wechatpay-Serial");
        assertThat(ResponseSignature.TIMESTAMP_HEADER).isEqualTo("Wechatpay-Timestamp");
        assertThat(ResponseSignature.NONCE_HEADER).isEqualTo("Wechatpay-Nonce");
        assertThat(ResponseSignature.SIGNATURE_HEADER).isEqualTo("Wechatpay-Signature");
    }

    @Test
    void readsTheFourHeadersThroughALookup() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("wechatpay-serial", "5F3A9C01D2E4B6A8");
        headers.put("WECHATPAY-TIMESTAMP", "1700000001");
        headers.put("Wechatpay-Nonce", "RESPNONCE0123456789ABCDEFGHIJKL");
        headers.put("Wechatpay-Signature", "c2lnbmF0dXJl");
        headers.put("Content-Type", "application/json");
        List<String> asked = new ArrayList<>();

        ResponseSignature signature = ResponseSignature.from((name) -> {
            asked.add(name);
            return headers.get(name);
        });

        assertThat(signature).isEqualTo(new ResponseSignature("5F3A9C01D2E4B6A8", "1700000001",
                "RESPNONCE0123456789ABCDEFGHIJKL", "c2lnbmF0dXJl"));
        assertThat(asked).containsExactlyInAnyOrder("Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce",
                "Wechatpay-Signature");
    }

    @Test
    void absentHeadersAreNull() {
        ResponseSignature signature = ResponseSignature.from(Map.of("Wechatpay-Nonce", "n")::get);

        assertThat(signature.serial()).isNull();
        assertThat(signature.timestamp()).isNull();
        assertThat(signature.nonce()).isEqualTo("n");
        assertThat(signature.signature()).isNull();
    }
}
