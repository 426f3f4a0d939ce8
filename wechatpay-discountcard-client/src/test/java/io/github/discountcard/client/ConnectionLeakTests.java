package io.github.discountcard.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.TestMerchant;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After 10,000 failing calls, connections and memory are back to normal and no Netty buffer leaked.
 * <p>
 * Runs in its own JVM with {@code -Dio.netty.leakDetection.level=paranoid} (the {@code leak-tests} Surefire
 * execution), where Netty tracks every buffer and logs {@code LEAK:} for each one released by GC alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionLeakTests {

    static final int CALLS = 10_000;

    static final TestMerchant merchant = TestMerchant.generate();

    static final io.github.discountcard.client.model.UpdateOrderRequest UPDATE = io.github.discountcard.client.model.UpdateOrderRequest
        .builder()
        .reward(io.github.discountcard.client.model.Reward.builder()
            .rewardSerialNo("LEAK-R-1")
            .rewardId(1)
            .description("leak test")
            .rewardType(io.github.discountcard.client.model.RewardType.INCREASE)
            .count(1)
            .amount(1)
            .rewardTime(java.time.OffsetDateTime.now())
            .build())
        .build();

    static DiscountCardSimulator simulator;

    static ListAppender<ILoggingEvent> leaks;

    @BeforeAll
    static void start() {
        assertThat(ResourceLeakDetector.getLevel()).as("run with -Dio.netty.leakDetection.level=paranoid")
            .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        simulator = DiscountCardSimulator.builder().build().start().registerMerchant(merchant);
        simulator.createOrder("LEAK-1");
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        leaks = new ListAppender<>();
        leaks.start();
        detector.addAppender(leaks);
        detector.setLevel(Level.ERROR);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).detachAppender(leaks);
        simulator.close();
    }

    @Test
    @Order(1)
    void theDetectorReportsADeliberateLeak() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeInt(42);
        leaked = null; // never released
        provokeLeakReports();
        assertThat(leakReports()).as("a deliberately leaked buffer is reported").isNotEmpty();
        leaks.list.clear();
    }

    @Test
    @Order(2)
    void tenThousandFailingCallsLeaveNoLeakedBuffersConnectionsOrMemory() {
        long heapBefore = usedHeapAfterGc();
        ConnectionProvider connections = ConnectionProvider.create("leak-test", 32);
        WebClientDiscountCardClient client = WebClientDiscountCardClient.builder()
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .retryPolicy(RetryPolicy.NONE)
            .webClientBuilder(WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))))
            .build();
        List<Fault> faults = List.of(Fault.SERVER_ERROR, Fault.BAD_SIGNATURE, Fault.TAMPERED_BODY,
                Fault.CONNECTION_RESET);
        AtomicInteger failed = new AtomicInteger();
        for (int phase = 0; phase < 5; phase++) {
            // four phases of faults, then unknown orders (404): every call fails
            simulator.setFault((phase < faults.size()) ? faults.get(phase) : null);
            String order = (phase < faults.size()) ? "LEAK-1" : "NO-SUCH-ORDER";
            Flux.range(0, CALLS / 5)
                .flatMap((i) -> ((i % 2 == 0) ? client.getOrder(order).then()
                        : client.updateOrder("NO-SUCH-ORDER", UPDATE).then()) // signed bodies too, never applied
                    .doOnError((ex) -> failed.incrementAndGet())
                    .onErrorComplete(), 32)
                .blockLast(Duration.ofMinutes(2));
            assertThat(simulator.openConnections()).as("connections open during phase " + phase).isLessThanOrEqualTo(40);
        }
        simulator.clearFaults();
        assertThat(failed).hasValue(CALLS);

        connections.disposeLater().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.openConnections() == 0);
        provokeLeakReports();
        assertThat(leakReports()).as("Netty LEAK reports").isEmpty();
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
    }

    /** Leak reports are made when tracked buffers are collected and the detector next records an allocation. */
    static void provokeLeakReports() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 100; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
            }
        }
    }

    static List<String> leakReports() {
        return leaks.list.stream().map(ILoggingEvent::getFormattedMessage).filter((m) -> m.contains("LEAK")).toList();
    }

    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
