package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.ascii;
import static io.github.discountcard.core.TestMaterial.assertNoKeyText;
import static io.github.discountcard.core.TestMaterial.concat;
import static io.github.discountcard.core.TestMaterial.utf8;
import static io.github.discountcard.core.TestMaterial.vector;
import static io.github.discountcard.core.TestMaterial.vectorBase64;
import static io.github.discountcard.core.TestMaterial.vectorText;
import static io.github.discountcard.core.TestMaterial.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RequestSignerTests {

    private static final String MCH_ID = "1900000001";

    private static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD24C53BA1";

    private static final Instant NOW = Instant.parse("2030-05-20T05:29:35Z");

    private static final Pattern AUTHORIZATION = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"([^\"]*)\","
            + "nonce_str=\"([^\"]*)\",timestamp=\"([^\"]*)\",serial_no=\"([^\"]*)\",signature=\"([^\"]*)\"");

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{32}");

    private final PrivateKey merchantKey = TestMaterial.merchantPrivateKey();

    private final PublicKey merchantPublicKey = TestMaterial.merchantPublicKey();

    private final RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey,
            TestMaterial.fixedClock(NOW), null);

    // ---------------------------------------------------------------- known answers

    @Test
    void signsTheRequestVectorMessage() {
        String signature = this.signer.signMessage(vector("request-sign-message.txt"));

        assertThat(signature).isEqualTo(vectorBase64("request-signature.b64"));
    }

    @Test
    void signsTheRequestVectorFromItsParts() {
        byte[] message = vector("request-sign-message.txt");
        byte[][] lines = TestMaterial.lines(message);
        assertThat(lines.length).isEqualTo(5);
        assertThat(ascii(lines[0])).isEqualTo("PATCH");
        assertThat(ascii(lines[1])).isEqualTo("/v3/discount-card/orders/233bcbf407e87789b8e471f251774f95");
        assertThat(ascii(lines[2])).isEqualTo("1700000000");
        String nonce = ascii(lines[3]);
        assertThat(nonce).isEqualTo("TESTNONCE0123456789ABCDEFGHIJKLM").matches(NONCE);
        byte[] body = lines[4];
        // the parts put back together are the message, byte for byte
        assertThat(concat(utf8("PATCH\n/v3/discount-card/orders/233bcbf407e87789b8e471f251774f95\n1700000000\n"
                + nonce + "\n"), body, utf8("\n"))).isEqualTo(message);

        String signature = this.signer.sign("PATCH", "/v3/discount-card/orders/233bcbf407e87789b8e471f251774f95",
                1700000000L, nonce, body);

        assertThat(signature).isEqualTo(vectorBase64("request-signature.b64"));
    }

    @Test
    void requestVectorBodyIsTheUtf8JsonOfTheSpec() {
        byte[] body = TestMaterial.lines(vector("request-sign-message.txt"))[4];

        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"objectives\":[")
            .contains("\"performance_description\":\"购买商品\"").contains("\"remark\":\"特价商品\"");
    }

    @Test
    void vectorSignatureVerifiesWithTheMerchantPublicKey() {
        assertThat(verifies(this.merchantPublicKey, vector("request-sign-message.txt"),
                vectorBase64("request-signature.b64"))).isTrue();
    }

    // ---------------------------------------------------------------- Authorization header

    @Test
    void authorizationHeaderHasTheWechatPayFormat() {
        byte[] body = utf8("{\"objectives\":[{\"objective_serial_no\":\"578354545\",\"count\":1}]}");

        String authorization = this.signer.authorization("PATCH", "/v3/discount-card/orders/abc", body);

        assertThat(authorization).startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"")
            .doesNotContain(" ,").doesNotContain("\n");
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        assertThat(matcher.matches()).as(authorization).isTrue();
        assertThat(matcher.group(1)).isEqualTo(MCH_ID);
        assertThat(matcher.group(2)).matches(NONCE);
        assertThat(matcher.group(3)).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(matcher.group(4)).isEqualTo(MERCHANT_SERIAL);
        assertThat(matcher.group(5)).matches("[A-Za-z0-9+/]{342}==");
    }

    @Test
    void authorizationSignatureVerifiesOverTheWholeMessage() {
        byte[] body = utf8("{\"rewards\":[{\"reward_serial_no\":\"578354\",\"description\":\"优惠\",\"amount\":100}]}");
        String target = "/v3/discount-card/orders/233bcbf407e87789b8e471f251774f95?x=1&y=%E4%B8%AD";

        Header header = Header.parse(this.signer.authorization("PATCH", target, body));

        byte[] message = concat(utf8("PATCH\n" + target + "\n" + header.timestamp + "\n" + header.nonce + "\n"), body,
                utf8("\n"));
        assertThat(verifies(this.merchantPublicKey, message, header.signature)).isTrue();
        // and not over anything else
        byte[] otherMethod = concat(utf8("POST\n" + target + "\n" + header.timestamp + "\n" + header.nonce + "\n"),
                body, utf8("\n"));
        assertThat(verifies(this.merchantPublicKey, otherMethod, header.signature)).isFalse();
        assertThat(verifies(TestMaterial.platformPublicKey(), message, header.signature)).isFalse();
    }

    @Test
    void getWithEmptyBodySignsAnEmptyLastLine() {
        String target = "/v3/discount-card/orders/out-trade-no/1217752501201407033233368018";

        Header header = Header.parse(this.signer.authorization("GET", target, new byte[0]));

        String message = "GET\n" + target + "\n" + header.timestamp + "\n" + header.nonce + "\n\n";
        assertThat(verifies(this.merchantPublicKey, utf8(message), header.signature)).isTrue();
        assertThat(verifies(this.merchantPublicKey, utf8(message.substring(0, message.length() - 1)),
                header.signature)).isFalse();
    }

    @Test
    void signEqualsSigningTheAssembledMessage() {
        byte[] body = utf8("{\"a\":\"b\"}");

        String parts = this.signer.sign("POST", "/v3/x", 1700000123L, "abc", body);
        String whole = this.signer.signMessage(utf8("POST\n/v3/x\n1700000123\nabc\n{\"a\":\"b\"}\n"));

        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void timestampComesFromTheInjectedClock() {
        TestMaterial.SettableClock clock = new TestMaterial.SettableClock(Instant.ofEpochSecond(1700000000L));
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey, clock, null);

        Header first = Header.parse(signer.authorization("GET", "/v3/certificates", new byte[0]));
        clock.set(Instant.parse("2031-01-02T03:04:05.999Z"));
        Header second = Header.parse(signer.authorization("GET", "/v3/certificates", new byte[0]));

        assertThat(first.timestamp).isEqualTo("1700000000");
        assertThat(second.timestamp).isEqualTo(Long.toString(Instant.parse("2031-01-02T03:04:05Z").getEpochSecond()));
        assertThat(verifies(this.merchantPublicKey,
                utf8("GET\n/v3/certificates\n" + second.timestamp + "\n" + second.nonce + "\n\n"), second.signature))
            .isTrue();
    }

    @Test
    void everyCallHasAFreshNonceSoRetriesAreSignedAfresh() {
        Set<String> nonces = new HashSet<>();
        Set<String> signatures = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Header header = Header.parse(this.signer.authorization("GET", "/v3/discount-card/orders/abc", new byte[0]));
            assertThat(header.nonce).matches(NONCE);
            nonces.add(header.nonce);
            signatures.add(header.signature);
        }

        assertThat(nonces).hasSize(500);
        assertThat(signatures).hasSize(500);
    }

    @Test
    void noncesAre32AlphanumericCharactersDistinctAndUseTheWholeAlphabet() {
        int count = 20_000;
        Set<String> nonces = new HashSet<>();
        Map<Character, Integer> frequency = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String nonce = this.signer.nonce();
            assertThat(nonce).matches(NONCE);
            nonces.add(nonce);
            for (char c : nonce.toCharArray()) {
                frequency.merge(c, 1, Integer::sum);
            }
        }

        assertThat(nonces).hasSize(count);
        assertThat(frequency).hasSize(62);
        double expected = count * 32 / 62.0; // about 10 322 per character
        assertThat(frequency.values()).allSatisfy((n) -> assertThat((double) n).isBetween(expected * 0.85,
                expected * 1.15));
    }

    // ---------------------------------------------------------------- hygiene

    @Test
    void toStringDoesNotLeakTheKey() {
        String text = this.signer.toString();

        assertThat(text).contains(MCH_ID).contains(MERCHANT_SERIAL).contains("******");
        assertNoKeyText(text, vectorText("merchant-test-private-key.pem"));
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) this.merchantKey;
        assertThat(text).doesNotContain(key.getPrivateExponent().toString())
            .doesNotContain(key.getPrivateExponent().toString(16))
            .doesNotContain(key.getPrimeP().toString())
            .doesNotContain(key.getModulus().toString(16).substring(0, 32));
    }

    @Test
    void accessorsReturnWhatWasGiven() {
        assertThat(this.signer.mchId()).isEqualTo(MCH_ID);
        assertThat(this.signer.serialNumber()).isEqualTo(MERCHANT_SERIAL);
        assertThat(RequestSigner.SCHEME).isEqualTo("WECHATPAY2-SHA256-RSA2048");
    }

    @Test
    void constructorRefusesMissingValues() {
        Clock clock = Clock.systemUTC();
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new RequestSigner(" ", MERCHANT_SERIAL, this.merchantKey, clock, null))
            .withMessageContaining("mchId");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new RequestSigner(MCH_ID, "", this.merchantKey, clock, null))
            .withMessageContaining("serialNumber");
        assertThatNullPointerException()
            .isThrownBy(() -> new RequestSigner(MCH_ID, MERCHANT_SERIAL, null, clock, null))
            .withMessageContaining("privateKey");
        assertThatNullPointerException()
            .isThrownBy(() -> new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey, null, null))
            .withMessageContaining("clock");
    }

    @Test
    void nonRsaKeyFailsAtConstructionNotOnTheFirstRequest() throws Exception {
        PrivateKey ec = PemKeysTests.ecKeyPair().getPrivate();

        assertThatThrownBy(() -> new RequestSigner(MCH_ID, MERCHANT_SERIAL, ec)).isInstanceOf(CryptoException.class)
            .hasMessageContaining("SHA256withRSA");
    }

    @Test
    void signsWithAnExplicitProvider() {
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey,
                TestMaterial.fixedClock(NOW), Security.getProvider("SunRsaSign"));

        assertThat(signer.signMessage(vector("request-sign-message.txt")))
            .isEqualTo(vectorBase64("request-signature.b64"));
    }

    @Test
    void defaultConstructorUsesTheSystemClock() {
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey);
        long before = Instant.now().getEpochSecond();

        Header header = Header.parse(signer.authorization("GET", "/v3/certificates", new byte[0]));

        assertThat(Long.parseLong(header.timestamp)).isBetween(before, Instant.now().getEpochSecond());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentSigningFromManyThreadsAlwaysVerifies() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<String[]>> task = () -> {
                    start.await();
                    List<String[]> signed = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String target = "/v3/discount-card/orders/t" + thread + "-" + i;
                        String body = (i % 3 == 0) ? "" : "{\"thread\":" + thread + ",\"i\":" + i + "}";
                        String method = body.isEmpty() ? "GET" : "PATCH";
                        String authorization = this.signer.authorization(method, target, utf8(body));
                        signed.add(new String[] { method, target, body, authorization });
                    }
                    return signed;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();

            Set<String> nonces = new HashSet<>();
            int verified = 0;
            for (Future<List<String[]>> future : futures) {
                for (String[] request : future.get(2, TimeUnit.MINUTES)) {
                    Header header = Header.parse(request[3]);
                    String message = request[0] + "\n" + request[1] + "\n" + header.timestamp + "\n" + header.nonce
                            + "\n" + request[2] + "\n";
                    assertThat(verifies(this.merchantPublicKey, utf8(message), header.signature))
                        .as("signature of %s %s", request[0], request[1]).isTrue();
                    nonces.add(header.nonce);
                    verified++;
                }
            }
            assertThat(verified).isEqualTo(threads * perThread);
            assertThat(nonces).hasSize(threads * perThread);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSignMessageMatchesTheVectorEveryTime() throws Exception {
        byte[] message = vector("request-sign-message.txt");
        String expected = vectorBase64("request-signature.b64");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit(() -> this.signer.signMessage(message)));
            }
            for (Future<String> future : futures) {
                assertThat(future.get(1, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** The parts of an {@code Authorization} header. */
    private record Header(String mchId, String nonce, String timestamp, String serial, String signature) {

        static Header parse(String authorization) {
            Matcher matcher = AUTHORIZATION.matcher(authorization);
            assertThat(matcher.matches()).as(authorization).isTrue();
            return new Header(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                    matcher.group(5));
        }
    }
}
