package io.github.discountcard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The fast loopback server every client of the load benchmark talks to, in a process of its own (so that the
 * client process's CPU time is the clients' alone).
 * <p>
 * It answers every request with the same canned order JSON, signed once a second with a platform key it
 * generates at startup (fresh {@code Wechatpay-Timestamp} and {@code Wechatpay-Nonce}, valid for any verifier's
 * 5-minute window), and does not check request signatures, so its cost per request is small and the same for
 * every client. Two paths exist for the benchmark's pre-flight checks only:
 * <ul>
 * <li>an order number starting {@code CHECK-}: the {@code Authorization} header must verify with the merchant
 * public key given on the command line, else 401; the answer is then the order asked for, signed afresh (a
 * client that binds each answer to its request must accept it);</li>
 * <li>an order number starting {@code TAMPERED-}: the body differs from the signed one by a byte, so a
 * verifying client must refuse it.</li>
 * </ul>
 * Listens on 127.0.0.1 only. Prints {@code READY <port> <platform public key, Base64 X.509>} on stdout, and exits
 * when its stdin closes (the benchmark ended or died) or after {@code maxSeconds}, whichever comes first.
 * <p>
 * Arguments: {@code <merchant public key, Base64 X.509> [maxSeconds]}.
 */
public final class LoopbackServer {

    private static final Pattern AUTHORIZATION = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"([^\"]*)\","
            + "nonce_str=\"([^\"]*)\",timestamp=\"([^\"]*)\",serial_no=\"([^\"]*)\",signature=\"([^\"]*)\"");

    private static final byte[] TAMPERED = tampered(Fixtures.ORDER_JSON);

    private static final String CONTENT_LENGTH = Integer.toString(Fixtures.ORDER_JSON.length);

    private final KeyPair platform = Fixtures.rsa2048();

    private final PublicKey merchantKey;

    private final SecureRandom random = new SecureRandom();

    /** Re-signed once a second; read by every response. */
    private volatile SignedHeaders current;

    private LoopbackServer(PublicKey merchantKey) {
        this.merchantKey = merchantKey;
        this.current = sign();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: LoopbackServer <merchant public key, Base64 X.509> [maxSeconds]");
        }
        long maxSeconds = (args.length > 1) ? Long.parseLong(args[1]) : 3600;
        LoopbackServer server = new LoopbackServer(Fixtures.publicKeyFromBase64(args[0]));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "re-sign");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> server.current = server.sign(), 1, 1, TimeUnit.SECONDS);

        DisposableServer http = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(server::handle)
            .bindNow(Duration.ofSeconds(10));
        System.out.println("READY " + http.port() + " " + Fixtures.publicKeyBase64(server.platform.getPublic()));
        System.out.flush();

        Thread watchdog = new Thread(() -> waitForEndOfInput(System.in), "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        watchdog.join(TimeUnit.SECONDS.toMillis(maxSeconds));
        http.disposeNow(Duration.ofSeconds(5));
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the parent never writes; EOF means it is gone
            }
        }
        catch (IOException ex) {
            // the parent is gone
        }
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        return request.receive().then(Mono.defer(() -> {
            if (uri.contains("/CHECK-") && !authorized(request, uri)) {
                return response.status(HttpResponseStatus.UNAUTHORIZED)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just("{\"code\":\"SIGN_ERROR\",\"message\":\"bad request signature\"}"))
                    .then();
            }
            SignedHeaders signed = this.current;
            byte[] body = uri.contains("/TAMPERED-") ? TAMPERED : Fixtures.ORDER_JSON;
            if (uri.contains("/CHECK-")) {
                // the order asked for, signed afresh: a client that binds the answer to its request accepts it
                body = orderAnswer(uri.substring(uri.lastIndexOf('/') + 1));
                signed = sign(body);
            }
            return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH,
                        (body.length == Fixtures.ORDER_JSON.length) ? CONTENT_LENGTH : Integer.toString(body.length))
                .header("Request-ID", "loopback-benchmark")
                .header("Wechatpay-Serial", Fixtures.PUBLIC_KEY_ID)
                .header("Wechatpay-Timestamp", signed.timestamp())
                .header("Wechatpay-Nonce", signed.nonce())
                .header("Wechatpay-Signature", signed.signature())
                .sendObject(Unpooled.wrappedBuffer(body))
                .then();
        }));
    }

    /** Checks a GET's {@code Authorization} the way WeChat Pay does (pre-flight checks only). */
    private boolean authorized(HttpServerRequest request, String uri) {
        String header = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return false;
        }
        Matcher matcher = AUTHORIZATION.matcher(header);
        if (!matcher.matches() || !matcher.group(1).equals(Fixtures.MCH_ID)
                || !matcher.group(4).equals(Fixtures.MERCHANT_SERIAL)) {
            return false;
        }
        String message = request.method().name() + "\n" + uri + "\n" + matcher.group(3) + "\n" + matcher.group(2)
                + "\n\n";
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(this.merchantKey);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            long skew = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(matcher.group(3)));
            return skew <= 300 && verifier.verify(Base64.getDecoder().decode(matcher.group(5)));
        }
        catch (Exception ex) {
            return false;
        }
    }

    private SignedHeaders sign() {
        return sign(Fixtures.ORDER_JSON);
    }

    private SignedHeaders sign(byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Fixtures.nonce(this.random);
        return new SignedHeaders(timestamp, nonce,
                Fixtures.signResponse(this.platform.getPrivate(), timestamp, nonce, body));
    }

    /** The canned order, about the order number asked for (pre-flight checks only). */
    private static byte[] orderAnswer(String orderNo) {
        String canned = new String(Fixtures.ORDER_JSON, StandardCharsets.UTF_8);
        return canned.replace("\"out_order_no\":\"" + Fixtures.ORDER_NO + "\"", "\"out_order_no\":\"" + orderNo + "\"")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tampered(byte[] body) {
        byte[] copy = body.clone();
        int at = new String(copy, StandardCharsets.ISO_8859_1).indexOf("\"total_amount\":1000") + 16;
        copy[at] = (byte) '9'; // 1000 -> 9000: same length, still valid JSON
        return copy;
    }

    private record SignedHeaders(String timestamp, String nonce, String signature) {
    }
}
