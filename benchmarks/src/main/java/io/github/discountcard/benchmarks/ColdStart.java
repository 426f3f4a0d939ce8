package io.github.discountcard.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.core.CryptoProviders;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One client's cold start, in a JVM of its own (started by {@link LoadBenchmark}): the client is built as a
 * service just deployed builds it, makes its first call, and is then loaded at once, with {@code concurrency}
 * calls in flight for {@code seconds} seconds, against the same warm loopback server as the load benchmark. It
 * prints one line: {@code COLD <client> build=<ms> first=<ms> requests=<n> perSecond=<a,b,...> jit=<ms>
 * cpu=<ms> classes=<n>} (JIT compilation time and process CPU time over the load window, classes loaded by its
 * end).
 * <p>
 * The {@value LoadBenchmark#OFFICIAL_ACCP} client installs ACCP JVM-wide first (this JVM does nothing else), as
 * an application that installs it at startup does. Arguments: {@code <client> <base URL> <platform public key,
 * Base64 X.509> <concurrency> <seconds>}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String baseUrl = args[1];
        PublicKey platformKey = Fixtures.publicKeyFromBase64(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        KeyPair merchant = Fixtures.rsa2048(); // the server checks no signature outside the pre-flight checks

        long buildStart = System.nanoTime();
        Supplier<Mono<?>> reactive = null;
        Supplier<Object> blocking = null;
        switch (name) {
            case LoadBenchmark.OURS_ACCP -> reactive = ours(baseUrl, merchant, platformKey,
                    CryptoProviders.resolve(CryptoProviders.ACCP));
            case LoadBenchmark.OURS_JDK -> reactive = ours(baseUrl, merchant, platformKey, null);
            case LoadBenchmark.OFFICIAL -> blocking = official(baseUrl, merchant, platformKey);
            case LoadBenchmark.OFFICIAL_ACCP -> {
                Security.insertProviderAt(AmazonCorrettoCryptoProvider.INSTANCE, 1);
                blocking = official(baseUrl, merchant, platformKey);
            }
            default -> throw new IllegalArgumentException("No cold start for client '" + name + "'");
        }
        long built = System.nanoTime();
        Object first = (reactive != null) ? reactive.get().block(Duration.ofSeconds(30)) : blocking.get();
        if (first == null) {
            throw new IllegalStateException(name + ": the first call returned nothing");
        }
        long firstDone = System.nanoTime();

        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
        long jitBefore = jit.getTotalCompilationTime();
        long cpuBefore = os.getProcessCpuTime();
        AtomicLongArray perSecond = new AtomicLongArray(seconds);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        Runnable counted = () -> {
            int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            if (second < seconds) {
                perSecond.incrementAndGet(second);
            }
        };
        if (reactive != null) {
            Supplier<Mono<?>> call = reactive;
            Mono<Void> worker = Mono.defer(call).doOnNext((value) -> counted.run())
                .repeat(() -> System.nanoTime() < deadline).then();
            Flux.range(0, concurrency).flatMap((i) -> worker, concurrency).then()
                .block(Duration.ofSeconds(seconds + 60L));
        }
        else {
            Supplier<Object> call = blocking;
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            for (int i = 0; i < concurrency; i++) {
                pool.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        call.get();
                        counted.run();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not finish");
            }
        }
        long jitMillis = jit.getTotalCompilationTime() - jitBefore;
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime() - cpuBefore);
        StringBuilder counts = new StringBuilder();
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            counts.append((i > 0) ? "," : "").append(perSecond.get(i));
            total += perSecond.get(i);
        }
        System.out.printf(Locale.ROOT, "COLD %s build=%d first=%d requests=%d perSecond=%s jit=%d cpu=%d classes=%d%n",
                name, TimeUnit.NANOSECONDS.toMillis(built - buildStart), TimeUnit.NANOSECONDS.toMillis(firstDone - built),
                total, counts, jitMillis, cpuMillis, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.flush();
        System.exit(0);
    }

    private static Supplier<Mono<?>> ours(String baseUrl, KeyPair merchant, PublicKey platformKey, Provider provider) {
        RequestSigner signer = Fixtures.signer(merchant.getPrivate(), provider);
        ResponseVerifier verifier = Fixtures.verifier(platformKey, provider);
        WebClientDiscountCardClient client = WebClientDiscountCardClient.builder()
            .baseUrl(baseUrl)
            .signer(signer)
            .verifier(verifier)
            .webClientBuilder(WebClient.builder().clientConnector(LoadBenchmark.connector("cold",
                    new java.util.concurrent.atomic.LongAdder())))
            .build();
        return () -> client.getOrder(Fixtures.ORDER_NO);
    }

    private static Supplier<Object> official(String baseUrl, KeyPair merchant, PublicKey platformKey) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
            .merchantId(Fixtures.MCH_ID)
            .merchantSerialNumber(Fixtures.MERCHANT_SERIAL)
            .publicKeyId(Fixtures.PUBLIC_KEY_ID)
            .apiV3Key(Fixtures.API_V3_KEY)
            .privateKey(Base64.getEncoder().encodeToString(merchant.getPrivate().getEncoded()))
            .publicKey(Fixtures.publicKeyBase64(platformKey))
            .build();
        OkHttpClient okHttp = LoadBenchmark.okHttp(new java.util.concurrent.atomic.LongAdder());
        HttpClient sdk = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
        String url = baseUrl + Fixtures.ORDERS_PATH + Fixtures.ORDER_NO;
        return () -> {
            HttpHeaders headers = new HttpHeaders();
            headers.addHeader("Accept", "application/json");
            headers.addHeader("Content-Type", "application/json");
            HttpRequest request = new HttpRequest.Builder().httpMethod(HttpMethod.GET).url(url).headers(headers).build();
            return sdk.execute(request, SdkOrder.class).getServiceResponse().outOrderNo;
        };
    }
}
