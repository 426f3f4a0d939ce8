package io.github.discountcard.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A merchant client for the tests: the JDK HttpClient, requests signed by the core, responses verified by the core. */
final class SignedClient {

    static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String USER_AGENT = "discountcard-test/1.0 (Java 17)";

    private final DiscountCardSimulator simulator;

    private final RequestSigner signer;

    SignedClient(DiscountCardSimulator simulator, TestMerchant merchant) {
        this(simulator, merchant.signer());
    }

    SignedClient(DiscountCardSimulator simulator, RequestSigner signer) {
        this.simulator = simulator;
        this.signer = signer;
    }

    RequestSigner signer() {
        return this.signer;
    }

    Response get(String target) throws IOException {
        return send("GET", target, "", Map.of());
    }

    Response patch(String target, String body) throws IOException {
        return send("PATCH", target, body, Map.of());
    }

    /** Signs and sends; extra headers are added as given (e.g. {@code Wechatpay-Serial}). */
    Response send(String method, String target, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return sendRaw(method, target, bytes, this.signer.authorization(method, target, bytes), headers);
    }

    /** Sends with the given Authorization value (or none), as a client with a bug or an attacker would. */
    Response sendRaw(String method, String target, byte[] body, @Nullable String authorization,
            Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "application/json");
        all.put("User-Agent", USER_AGENT);
        if (body.length > 0) {
            all.put("Content-Type", "application/json");
        }
        if (authorization != null) {
            all.put("Authorization", authorization);
        }
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + target))
            .timeout(Duration.ofSeconds(10))
            .method(method, (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        all.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    /** Verifies with the core verifier over the simulator's current keys. */
    VerificationKey verify(Response response) {
        return new ResponseVerifier(this.simulator.verificationKeys()).verify(response.signature(), response.body());
    }

    /** A response as received. */
    record Response(int status, HttpHeaders headers, byte[] body) {

        @Nullable String header(String name) {
            return this.headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(this.body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(this.body);
            }
            catch (RuntimeException ex) {
                throw new UncheckedIOException(new IOException("Not JSON: " + text(), ex));
            }
        }

        String code() {
            return json().get("code").stringValue();
        }

        ResponseSignature signature() {
            return ResponseSignature.from(this::header);
        }
    }
}
