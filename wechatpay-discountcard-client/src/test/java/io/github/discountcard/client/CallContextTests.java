package io.github.discountcard.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.TestMerchant;
import io.micrometer.common.KeyValues;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The observation follows Spring's convention types, and the per-call log line and observation carry the
 * caller's context, for a caller that blocks (a Spring MVC thread) and a WebFlux caller alike. A small handler
 * stands in for a tracer: it gives each trace an id and puts it in the MDC while an observation is in scope.
 */
class CallContextTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    static DiscountCardSimulator simulator;

    ObservationRegistry registry;

    List<Observation.Context> stopped;

    ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
    }

    @BeforeEach
    void tracing() {
        this.registry = ObservationRegistry.create();
        this.stopped = new CopyOnWriteArrayList<>();
        this.registry.observationConfig().observationHandler(new FakeTracing(this.stopped));
        this.logs = ResilienceTests.capture(Level.DEBUG);
        // an application's MDC accessor: the caller's "user" travels to the log line
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor("user"));
        if (simulator.order("CTX-1").isEmpty()) {
            simulator.createOrder("CTX-1");
        }
    }

    @AfterEach
    void release() {
        ResilienceTests.release(this.logs);
        ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
        MDC.clear();
    }

    WebClientDiscountCardClient.Builder client() {
        return WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .observationRegistry(this.registry);
    }

    WechatPayObservationContext callContext() {
        return this.stopped.stream().filter(WechatPayObservationContext.class::isInstance)
            .map(WechatPayObservationContext.class::cast).findFirst().orElseThrow();
    }

    ILoggingEvent theLine() {
        return this.logs.list.stream().filter((event) -> event.getFormattedMessage().startsWith("WeChat Pay "))
            .findFirst().orElseThrow();
    }

    @Test
    void aBlockingCallerKeepsItsTraceAndMdcInTheObservationAndTheLogLine() {
        WebClientDiscountCardClient client = client().build();
        Observation request = Observation.start("mvc.request", this.registry);
        try (Observation.Scope scope = request.openScope()) {
            MDC.put("user", "alice");
            String traceId = MDC.get("traceId");
            client.getOrder("CTX-1").block();

            assertThat(callContext().getParentObservation()).isSameAs(request);
            ILoggingEvent line = theLine();
            assertThat(line.getThreadName()).doesNotContain("main"); // logged on an event loop, not the caller's
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId).containsEntry("user", "alice");
        }
        finally {
            request.stop();
        }
    }

    @Test
    void aWebFluxCallerKeepsItsTraceAndMdcFromTheReactorContext() {
        WebClientDiscountCardClient client = client().build();
        Observation handler = Observation.start("webflux.request", this.registry);
        String traceId = (String) handler.getContext().get("traceId");
        client.getOrder("CTX-1")
            .contextWrite(Context.of("micrometer.observation", handler, Slf4jThreadLocalAccessor.KEY,
                    Map.of("user", "bob")))
            .block();
        handler.stop();

        assertThat(callContext().getParentObservation()).isSameAs(handler);
        assertThat(theLine().getMDCPropertyMap()).containsEntry("traceId", traceId).containsEntry("user", "bob");
    }

    @Test
    void theLogLineSaysThatAnAnswerFailedVerification() {
        simulator.failNext(Fault.BAD_SIGNATURE, 1);
        assertThatThrownBy(() -> client().build().getOrder("CTX-1").block())
            .isInstanceOf(WechatPaySignatureException.class);
        assertThat(theLine().getFormattedMessage()).contains("-> 200, refused: failed verification (BAD_SIGNATURE)")
            .doesNotContain("no response");
        assertThat(callContext().outcome()).isEqualTo("SIGNATURE_ERROR");
        assertThat(callContext().status()).isEqualTo(200);
    }

    @Test
    void anOverriddenConventionNamesAndTagsTheObservation() {
        WechatPayObservationConvention custom = new DefaultWechatPayObservationConvention() {
            @Override
            public String getName() {
                return "payments.wechat";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(WechatPayObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("uri", context.uriTemplate());
            }
        };
        client().observationConvention(custom).build().getOrder("CTX-1").block();
        WechatPayObservationContext context = callContext();
        assertThat(context.getName()).isEqualTo("payments.wechat");
        assertThat(context.getLowCardinalityKeyValues().stream().map((kv) -> kv.getKey() + "=" + kv.getValue()))
            .contains("operation=getOrder", "outcome=SUCCESS", "status=200", "error.code=NONE",
                    "uri=/v3/discount-card/orders/{out_order_no}")
            .noneMatch((tag) -> tag.contains("CTX-1"));
    }

    @Test
    void theDefaultConventionKeepsTheNameAndTags() {
        client().build().getOrder("CTX-1").block();
        WechatPayObservationContext context = callContext();
        assertThat(context.getName()).isEqualTo("wechatpay.discountcard.client.requests");
        assertThat(context.getContextualName()).isEqualTo("wechatpay getOrder");
        assertThat(context.getLowCardinalityKeyValues().stream().map((kv) -> kv.getKey()))
            .containsExactlyInAnyOrder("operation", "outcome", "status", "error.code");
    }

    /** Gives each trace an id and puts it in the MDC while one of its observations is in scope, as a tracer does. */
    static final class FakeTracing implements ObservationHandler<Observation.Context> {

        private final List<Observation.Context> stopped;

        FakeTracing(List<Observation.Context> stopped) {
            this.stopped = stopped;
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStart(Observation.Context context) {
            io.micrometer.observation.ObservationView parent = context.getParentObservation();
            context.put("traceId", (parent != null) ? parent.getContextView().get("traceId")
                    : UUID.randomUUID().toString());
        }

        @Override
        public void onScopeOpened(Observation.Context context) {
            MDC.put("traceId", context.get("traceId"));
        }

        @Override
        public void onScopeClosed(Observation.Context context) {
            MDC.remove("traceId");
        }

        @Override
        public void onStop(Observation.Context context) {
            this.stopped.add(context);
        }
    }
}
