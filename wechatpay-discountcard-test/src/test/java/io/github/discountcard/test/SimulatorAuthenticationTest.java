package io.github.discountcard.test;

import static io.github.discountcard.test.Bodies.orderPath;
import static io.github.discountcard.test.Bodies.reward;
import static io.github.discountcard.test.Bodies.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.discountcard.core.RequestSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatorAuthenticationTest {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension();

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static SignedClient client;

    static int orders;

    String outOrderNo;

    String path;

    final byte[] body = update(reward("r-1", "INCREASE", 100)).getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void register(DiscountCardSimulator simulator) {
        simulator.registerMerchant(MERCHANT);
        client = new SignedClient(simulator, MERCHANT);
    }

    @BeforeEach
    void createOrder(DiscountCardSimulator simulator) {
        this.outOrderNo = "auth-" + (++orders);
        this.path = orderPath(this.outOrderNo);
        simulator.createOrder(this.outOrderNo);
    }

    @Test
    void aCorrectlySignedRequestPasses() throws IOException {
        SignedClient.Response response = client.sendRaw("PATCH", this.path, this.body,
                MERCHANT.signer().authorization("PATCH", this.path, this.body), Map.of());
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aBadSignatureIsSignError(DiscountCardSimulator simulator) throws IOException {
        String authorization = MERCHANT.signer().authorization("PATCH", this.path, this.body);
        // another valid signature (over a different method) pasted into the header
        String other = MERCHANT.signer().authorization("GET", this.path, this.body);
        String forged = authorization.replaceAll("signature=\"[^\"]+\"",
                java.util.regex.Matcher.quoteReplacement(other.substring(other.indexOf("signature="))));
        assertSignError(client.sendRaw("PATCH", this.path, this.body, forged, Map.of()), "signature", simulator);
    }

    @Test
    void aWrongBodyIsSignError(DiscountCardSimulator simulator) throws IOException {
        String authorization = MERCHANT.signer().authorization("PATCH", this.path, this.body);
        byte[] other = update(reward("r-1", "INCREASE", 900)).getBytes(StandardCharsets.UTF_8);
        assertSignError(client.sendRaw("PATCH", this.path, other, authorization, Map.of()), "signature", simulator);
    }

    @Test
    void aSignatureOverTheDecodedTargetIsSignError(DiscountCardSimulator simulator) throws IOException {
        simulator.createOrder("x y" + this.outOrderNo);
        String authorization = MERCHANT.signer().authorization("PATCH", orderPath("x y" + this.outOrderNo), this.body);
        SignedClient.Response response = client.sendRaw("PATCH", orderPath("x%20y" + this.outOrderNo), this.body,
                authorization, Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
    }

    @Test
    void aStaleTimestampIsSignError(DiscountCardSimulator simulator) throws IOException {
        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        RequestSigner stale = MERCHANT.signer(tenMinutesAgo);
        assertSignError(client.sendRaw("PATCH", this.path, this.body, stale.authorization("PATCH", this.path,
                this.body), Map.of()), "timestamp", simulator);
        RequestSigner future = MERCHANT.signer(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)));
        assertSignError(client.sendRaw("PATCH", this.path, this.body, future.authorization("PATCH", this.path,
                this.body), Map.of()), "timestamp", simulator);
    }

    @Test
    void aReplayedNonceIsSignError(DiscountCardSimulator simulator) throws IOException {
        String authorization = MERCHANT.signer().authorization("PATCH", this.path, this.body);
        assertThat(client.sendRaw("PATCH", this.path, this.body, authorization, Map.of()).status()).isEqualTo(200);
        SignedClient.Response replayed = client.sendRaw("PATCH", this.path, this.body, authorization, Map.of());
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("SIGN_ERROR");
        assertThat(replayed.json().get("message").stringValue()).contains("nonce");
        assertThat(simulator.order(this.outOrderNo).orElseThrow().rewards()).hasSize(1);
    }

    @Test
    void anUnknownMerchantOrSerialIsSignError(DiscountCardSimulator simulator) throws IOException {
        RequestSigner otherMerchant = new RequestSigner("1900000999", MERCHANT.serialNumber(), MERCHANT.privateKey());
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                otherMerchant.authorization("PATCH", this.path, this.body), Map.of()), "mchid", simulator);
        RequestSigner otherSerial = new RequestSigner(MERCHANT.mchId(), "0123456789ABCDEF", MERCHANT.privateKey());
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                otherSerial.authorization("PATCH", this.path, this.body), Map.of()), "serial_no", simulator);
    }

    @Test
    void aKeyThatDoesNotMatchTheSerialIsSignError(DiscountCardSimulator simulator) throws IOException {
        TestMerchant impostor = TestMerchant.generate(MERCHANT.mchId());
        RequestSigner signer = new RequestSigner(MERCHANT.mchId(), MERCHANT.serialNumber(), impostor.privateKey());
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                signer.authorization("PATCH", this.path, this.body), Map.of()), "signature", simulator);
    }

    @Test
    void aMissingOrMalformedAuthorizationIsSignError(DiscountCardSimulator simulator) throws IOException {
        assertSignError(client.sendRaw("PATCH", this.path, this.body, null, Map.of()), "Authorization", simulator);
        String authorization = MERCHANT.signer().authorization("PATCH", this.path, this.body);
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                authorization.replace(RequestSigner.SCHEME, "Bearer"), Map.of()), "scheme", simulator);
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                authorization.replaceAll(",serial_no=\"[^\"]+\"", ""), Map.of()), "serial_no", simulator);
        assertSignError(client.sendRaw("PATCH", this.path, this.body,
                authorization.replaceAll("signature=\"[^\"]+\"", "signature=\"!!notbase64!!\""), Map.of()),
                "Base64", simulator);
    }

    @Test
    void aMissingUserAgentIsInvalidRequest(DiscountCardSimulator simulator) throws IOException {
        // the JDK HttpClient always adds a User-Agent, so this request is written by hand
        String authorization = MERCHANT.signer().authorization("PATCH", this.path, this.body);
        String head = "PATCH " + this.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + "Content-Type: application/json\r\nAuthorization: " + authorization + "\r\nContent-Length: "
                + this.body.length + "\r\nConnection: close\r\n\r\n";
        String response;
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(this.body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            response = received.toString(StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("request-id:");
        assertThat(response).containsIgnoringCase("wechatpay-signature:");
        assertThat(response).contains("\"code\":\"INVALID_REQUEST\"");
        assertThat(simulator.order(this.outOrderNo).orElseThrow().rewards()).isEmpty();
        assertThat(simulator.lastRequest().orElseThrow().status()).isEqualTo(400);
    }

    private void assertSignError(SignedClient.Response response, String messagePart, DiscountCardSimulator simulator) {
        assertThat(response.status()).as(response.text()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
        assertThat(response.json().get("message").stringValue()).contains(messagePart);
        assertThat(response.header("Request-ID")).isNotBlank();
        client.verify(response);
        assertThat(simulator.order(this.outOrderNo).orElseThrow().rewards()).isEmpty();
    }
}
