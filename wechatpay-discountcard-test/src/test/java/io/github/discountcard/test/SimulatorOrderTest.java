package io.github.discountcard.test;

import static io.github.discountcard.test.Bodies.objective;
import static io.github.discountcard.test.Bodies.orderPath;
import static io.github.discountcard.test.Bodies.reward;
import static io.github.discountcard.test.Bodies.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.discountcard.core.VerificationKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class SimulatorOrderTest {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension();

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static final AtomicInteger ORDERS = new AtomicInteger();

    static SignedClient client;

    static final String RFC3339_MILLIS_CHINA = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00";

    @BeforeAll
    static void register(DiscountCardSimulator simulator) {
        simulator.registerMerchant(MERCHANT);
        client = new SignedClient(simulator, MERCHANT);
    }

    static String newOrder(DiscountCardSimulator simulator) {
        String outOrderNo = "233bcbf407e87789b8e471f2517" + ORDERS.incrementAndGet();
        simulator.createOrder(outOrderNo);
        return outOrderNo;
    }

    @Test
    void updateThenQueryReturnsEveryField(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        SimulatedOrder created = simulator.order(outOrderNo).orElseThrow();

        SignedClient.Response updated = client.patch(orderPath(outOrderNo),
                update(objective("578354545", "INCREASE", 2), reward("578354", "INCREASE", 100)));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(client.verify(updated).kind()).isEqualTo(VerificationKey.Kind.PUBLIC_KEY);
        assertThat(updated.json().get("out_order_no").stringValue()).isEqualTo(outOrderNo);
        assertThat(updated.json().get("order_id").stringValue()).isEqualTo(created.orderId());

        SignedClient.Response queried = client.get(orderPath(outOrderNo));
        assertThat(queried.status()).isEqualTo(200);
        assertThat(client.verify(queried).id()).isEqualTo(simulator.platformPublicKeyId());
        JsonNode order = queried.json();
        for (String field : List.of("out_order_no", "discount_card_id", "out_trade_no", "appid", "service_id",
                "order_id", "openid", "card_begin_time", "card_end_time", "card_name", "objective_description",
                "reward_description", "state", "create_time", "online_instructions", "offline_instructions")) {
            assertThat(order.get(field)).as(field).isNotNull();
            assertThat(order.get(field).isString()).as(field).isTrue();
            assertThat(order.get(field).stringValue()).as(field).isNotBlank();
        }
        assertThat(order.get("out_order_no").stringValue()).isEqualTo(outOrderNo);
        assertThat(order.get("out_trade_no").stringValue()).isEqualTo(created.outTradeNo());
        assertThat(order.get("state").stringValue()).isEqualTo("CREATED");
        assertThat(order.get("estimated_reward_amount").isIntegralNumber()).isTrue();
        assertThat(order.get("estimated_reward_amount").longValue()).isEqualTo(100);
        for (String time : List.of("card_begin_time", "card_end_time", "create_time")) {
            assertThat(order.get(time).stringValue()).as(time).matches(RFC3339_MILLIS_CHINA);
        }
        assertThat(order.has("transaction_id")).isFalse(); // not settled: optional payment fields are absent

        JsonNode objective = order.get("objectives").get(0);
        assertThat(order.get("objectives").size()).isEqualTo(1);
        assertThat(objective.get("objective_serial_no").stringValue()).isEqualTo("578354545");
        assertThat(objective.get("objective_id").longValue()).isEqualTo(123456);
        assertThat(objective.get("name").stringValue()).isNotBlank();
        assertThat(objective.get("unit").stringValue()).isNotBlank();
        assertThat(objective.get("performance_description").stringValue()).isEqualTo("到店消费 1 次");
        assertThat(objective.get("performance_type").stringValue()).isEqualTo("INCREASE");
        assertThat(objective.get("count").longValue()).isEqualTo(2);
        assertThat(objective.get("performance_time").stringValue()).isEqualTo(Bodies.TIME);
        assertThat(objective.get("remark").stringValue()).isEqualTo("目标备注");

        JsonNode reward = order.get("rewards").get(0);
        assertThat(order.get("rewards").size()).isEqualTo(1);
        assertThat(reward.get("reward_serial_no").stringValue()).isEqualTo("578354");
        assertThat(reward.get("reward_id").longValue()).isEqualTo(123456);
        assertThat(reward.get("name").stringValue()).isNotBlank();
        assertThat(reward.get("unit").stringValue()).isNotBlank();
        assertThat(reward.get("description").stringValue()).isEqualTo("消费立减 1 元");
        assertThat(reward.get("reward_type").stringValue()).isEqualTo("INCREASE");
        assertThat(reward.get("count").longValue()).isEqualTo(1);
        assertThat(reward.get("amount").longValue()).isEqualTo(100);
        assertThat(reward.get("reward_time").stringValue()).isEqualTo(Bodies.TIME);
        assertThat(reward.get("remark").stringValue()).isEqualTo("奖励备注");

        SimulatedOrder current = simulator.order(outOrderNo).orElseThrow();
        assertThat(current.estimatedRewardAmount()).isEqualTo(100);
        assertThat(current.objectives()).extracting(SimulatedObjective::objectiveSerialNo).containsExactly("578354545");
        assertThat(current.rewards()).extracting(SimulatedReward::rewardSerialNo).containsExactly("578354");
    }

    @Test
    void queryByOutTradeNoReturnsTheSameOrder(DiscountCardSimulator simulator) throws IOException {
        SimulatedOrder created = simulator.createOrder("by-trade-" + ORDERS.incrementAndGet(), "trade_NO-1|*"
                + ORDERS.get());
        SignedClient.Response response = client.get("/v3/discount-card/orders/out-trade-no/"
                + created.outTradeNo().replace("|", "%7C").replace("*", "%2A"));
        assertThat(response.status()).isEqualTo(200);
        client.verify(response);
        assertThat(response.json().get("out_order_no").stringValue()).isEqualTo(created.outOrderNo());
        assertThat(response.json().get("out_trade_no").stringValue()).isEqualTo(created.outTradeNo());
    }

    @Test
    void settledOrdersShowTheOptionalPaymentFields(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        simulator.updateOrder(outOrderNo, (order) -> order.withState(OrderState.CHARGED)
            .withSettlement("4200000000000000000000000001", 500L, 0L, 500L, order.createTime().plusDays(30)));
        JsonNode order = client.get(orderPath(outOrderNo)).json();
        assertThat(order.get("state").stringValue()).isEqualTo("CHARGED");
        assertThat(order.get("transaction_id").stringValue()).isEqualTo("4200000000000000000000000001");
        assertThat(order.get("total_amount").longValue()).isEqualTo(500);
        assertThat(order.get("deduction_amount").longValue()).isZero();
        assertThat(order.get("settlement_amount").longValue()).isEqualTo(500);
        assertThat(order.get("pay_time").stringValue()).matches(RFC3339_MILLIS_CHINA);
    }

    @Test
    void theSameSerialNumbersTwiceCountOnce(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        String body = update(objective("o-1", "INCREASE", 1), reward("r-1", "INCREASE", 100));
        assertThat(client.patch(orderPath(outOrderNo), body).status()).isEqualTo(200);
        SignedClient.Response retried = client.patch(orderPath(outOrderNo), body); // freshly signed retry
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("out_order_no").stringValue()).isEqualTo(outOrderNo);
        // a duplicate inside one request, and an old serial next to a new one
        assertThat(client.patch(orderPath(outOrderNo), update(reward("r-1", "INCREASE", 100),
                reward("r-2", "INCREASE", 30), reward("r-2", "INCREASE", 30))).status()).isEqualTo(200);

        SimulatedOrder order = simulator.order(outOrderNo).orElseThrow();
        assertThat(order.objectives()).hasSize(1);
        assertThat(order.rewards()).extracting(SimulatedReward::rewardSerialNo).containsExactly("r-1", "r-2");
        assertThat(order.estimatedRewardAmount()).isEqualTo(130);
        JsonNode queried = client.get(orderPath(outOrderNo)).json();
        assertThat(queried.get("rewards").size()).isEqualTo(2);
        assertThat(queried.get("estimated_reward_amount").longValue()).isEqualTo(130);
    }

    @Test
    void decreasesSubtractButTheEstimateNeverGoesBelowZero(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        client.patch(orderPath(outOrderNo), update(reward("r-1", "INCREASE", 100), reward("r-2", "DECREASE", 40)));
        assertThat(simulator.order(outOrderNo).orElseThrow().estimatedRewardAmount()).isEqualTo(60);
        client.patch(orderPath(outOrderNo), update(reward("r-3", "DECREASE", 500)));
        assertThat(simulator.order(outOrderNo).orElseThrow().estimatedRewardAmount()).isZero();
        assertThat(client.get(orderPath(outOrderNo)).json().get("estimated_reward_amount").longValue()).isZero();
    }

    @Test
    void concurrentUpdatesAreConsistent(DiscountCardSimulator simulator) throws Exception {
        String outOrderNo = newOrder(simulator);
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String body = update(objective("o-" + i, "INCREASE", 1), reward("r-" + i, "INCREASE", 10),
                        reward("shared", "INCREASE", 1000));
                calls.add(() -> client.patch(orderPath(outOrderNo), body).status());
            }
            List<Future<Integer>> results = pool.invokeAll(calls, 30, TimeUnit.SECONDS);
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }
        SimulatedOrder order = simulator.order(outOrderNo).orElseThrow();
        assertThat(order.objectives()).hasSize(threads);
        assertThat(order.rewards()).hasSize(threads + 1);
        assertThat(order.estimatedRewardAmount()).isEqualTo(threads * 10 + 1000);
        Set<String> serials = new HashSet<>();
        order.rewards().forEach((reward) -> assertThat(serials.add(reward.rewardSerialNo())).isTrue());
        JsonNode queried = client.get(orderPath(outOrderNo)).json();
        assertThat(queried.get("estimated_reward_amount").longValue()).isEqualTo(threads * 10 + 1000);
        assertThat(queried.get("objectives").size()).isEqualTo(threads);
    }

    @Test
    void thePathSegmentIsPercentDecodedBeforeLookup(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = "a/b c+中" + ORDERS.incrementAndGet();
        simulator.createOrder(outOrderNo);
        String encoded = "a%2Fb%20c+%E4%B8%AD" + ORDERS.get();
        SignedClient.Response updated = client.patch(orderPath(encoded), update(reward("r-1", "INCREASE", 7)));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("out_order_no").stringValue()).isEqualTo(outOrderNo);
        assertThat(simulator.order(outOrderNo).orElseThrow().estimatedRewardAmount()).isEqualTo(7);
        assertThat(simulator.lastRequest().orElseThrow().rawTarget()).isEqualTo(orderPath(encoded));

        SignedClient.Response malformed = client.get(orderPath("bad%FF"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("PARAM_ERROR");
        assertThat(malformed.json().get("detail").get("field").stringValue()).isEqualTo("out_order_no");
    }

    @Test
    void unknownOrdersAreOrderNotExist(DiscountCardSimulator simulator) throws IOException {
        for (SignedClient.Response response : List.of(client.get(orderPath("no-such-order")),
                client.patch(orderPath("no-such-order"), update(reward("r-1", "INCREASE", 1))),
                client.get("/v3/discount-card/orders/out-trade-no/NO_SUCH_TRADE"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
            assertThat(response.json().get("message").stringValue()).isNotBlank();
            client.verify(response);
        }
    }

    @Test
    void unknownRoutesAndExtraSegmentsAreResourceNotExists(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        for (SignedClient.Response response : List.of(client.get(orderPath(outOrderNo) + "/extra"),
                client.get(orderPath("")), client.get(orderPath(outOrderNo) + "/"),
                client.get("/v3/discount-card/orders/out-trade-no/a/b"), client.get("/v3/unknown"),
                client.send("DELETE", orderPath(outOrderNo), "", java.util.Map.of()),
                client.patch("/v3/discount-card/orders/out-trade-no/x", update(reward("r", "INCREASE", 1))))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
            client.verify(response);
        }
        assertThat(simulator.order(outOrderNo).orElseThrow().rewards()).isEmpty();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{}", "objectives"),
                Arguments.of("{\"objectives\":[],\"rewards\":[]}", "objectives"),
                Arguments.of("{\"objectives\":null}", "objectives"),
                Arguments.of("not json", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("", "body"),
                Arguments.of("{\"objectives\":{}}", "objectives"),
                Arguments.of("{\"objectives\":[1]}", "objectives[0]"),
                Arguments.of(update(objective("o", "INCREASE", -1)), "objectives[0].count"),
                Arguments.of(update(objective("o", "INCREASE", 1).put("count", "1")), "objectives[0].count"),
                Arguments.of(update(objective("o", "INCREASE", 1).put("count", 1.5)), "objectives[0].count"),
                Arguments.of(update(objective("o", "UP", 1)), "objectives[0].performance_type"),
                Arguments.of(update(objective("o", "INCREASE", 1).put("performance_time", "yesterday")),
                        "objectives[0].performance_time"),
                Arguments.of(update(objective("o", "INCREASE", 1).put("remark", 5)), "objectives[0].remark"),
                Arguments.of(update(removed(objective("o", "INCREASE", 1), "objective_serial_no")),
                        "objectives[0].objective_serial_no"),
                Arguments.of(update(removed(objective("o", "INCREASE", 1), "objective_id")),
                        "objectives[0].objective_id"),
                Arguments.of(update(removed(objective("o", "INCREASE", 1), "performance_description")),
                        "objectives[0].performance_description"),
                Arguments.of(update(objective("o", "INCREASE", 1), reward("r", "INCREASE", 1),
                        reward("r2", "INCREASE", -5)), "rewards[1].amount"),
                Arguments.of(update(reward("r", "SOMETIMES", 1)), "rewards[0].reward_type"),
                Arguments.of(update(reward("r", "INCREASE", 1).put("count", -2)), "rewards[0].count"),
                Arguments.of(update(removed(reward("r", "INCREASE", 1), "amount")), "rewards[0].amount"),
                Arguments.of(update(removed(reward("r", "INCREASE", 1), "reward_time")), "rewards[0].reward_time"),
                Arguments.of(update(reward("r", "INCREASE", 1).put("reward_id", "123456")), "rewards[0].reward_id"),
                Arguments.of(update(reward("", "INCREASE", 1)), "rewards[0].reward_serial_no"));
    }

    static tools.jackson.databind.node.ObjectNode removed(tools.jackson.databind.node.ObjectNode node, String field) {
        node.remove(field);
        return node;
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidBodiesAreParamErrorsNamingTheField(String body, String field, DiscountCardSimulator simulator)
            throws IOException {
        String outOrderNo = newOrder(simulator);
        SignedClient.Response response = client.patch(orderPath(outOrderNo), body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("PARAM_ERROR");
        assertThat(response.json().get("message").stringValue()).contains(field);
        JsonNode detail = response.json().get("detail");
        assertThat(detail.get("field").stringValue()).isEqualTo(field);
        assertThat(detail.get("issue").stringValue()).isNotBlank();
        client.verify(response);
        SimulatedOrder order = simulator.order(outOrderNo).orElseThrow();
        assertThat(order.objectives()).isEmpty();
        assertThat(order.rewards()).isEmpty();
    }

    @Test
    void manyRecordsInOneRequestAreAccepted(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        List<tools.jackson.databind.node.ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(reward("many-" + i, "INCREASE", 1));
        }
        SignedClient.Response response = client.patch(orderPath(outOrderNo),
                update(records.toArray(tools.jackson.databind.node.ObjectNode[]::new)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(simulator.order(outOrderNo).orElseThrow().estimatedRewardAmount()).isEqualTo(12);
    }

    @Test
    void everyResponseCarriesAUniqueRequestId(DiscountCardSimulator simulator) throws IOException {
        String outOrderNo = newOrder(simulator);
        simulator.failNext(Fault.SERVER_ERROR);
        simulator.failNext(Fault.TOO_MANY_REQUESTS);
        List<SignedClient.Response> responses = List.of(client.get(orderPath(outOrderNo)),
                client.get(orderPath(outOrderNo)), client.get(orderPath(outOrderNo)),
                client.patch(orderPath(outOrderNo), "{}"), client.get(orderPath("missing")),
                client.get("/v3/nowhere"), client.sendRaw("GET", orderPath(outOrderNo), new byte[0], null,
                        java.util.Map.of()));
        assertThat(responses).extracting(SignedClient.Response::status)
            .containsExactly(500, 429, 200, 400, 404, 404, 401);
        Set<String> ids = new HashSet<>();
        for (SignedClient.Response response : responses) {
            String id = response.header("Request-ID");
            assertThat(id).isNotBlank();
            assertThat(ids.add(id)).as("unique " + id).isTrue();
            client.verify(response); // errors are signed too
        }
    }
}
