package io.github.discountcard.test.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.NotificationAttempt;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SimulatedCard;
import io.github.discountcard.test.SimulatedOrder;

/**
 * The test's handle on the WeChat Pay that {@link AutoConfigureDiscountCardSimulator} runs for the application: a
 * bean to {@code @Autowired} into the test. It drives a card's life as the user and WeChat would, each step returning
 * once the application's notification endpoint has answered the notification it causes (and any retries are
 * over); it tells what the application sent (records by serial number, the requests) and how notifications went;
 * and it injects faults.
 *
 * <pre>{@code
 * wechatPay.registerCardTemplate(CardTemplate.sample("TEMPLATE-1"));
 * // the application prepares card "CARD-1" (POST /v3/discount-card/cards) and later reports records
 * NotificationDelivery accepted = wechatPay.claimCard("CARD-1");
 * assertThat(accepted.acknowledged()).isTrue();
 * assertThat(wechatPay.completionSerialNumbers("CARD-1")).containsExactly("C-1");
 * }</pre>
 *
 * Every method is a shortcut for the {@link #simulator()}'s own API, which stays available for anything else
 * (certificate rotation, latency, raw notifications …). Thread-safe, but the card actions find the delivery they
 * caused among all deliveries, so run one action at a time.
 */
public final class SimulatedWechatPay {

    /** How long a card action waits for its notification to settle by default: 30 s. */
    public static final Duration DEFAULT_AWAIT = Duration.ofSeconds(30);

    private final DiscountCardSimulator simulator;

    private final String mchId;

    private final boolean generatedMerchant;

    private volatile Duration await = DEFAULT_AWAIT;

    SimulatedWechatPay(DiscountCardSimulator simulator, String mchId, boolean generatedMerchant) {
        this.simulator = simulator;
        this.mchId = mchId;
        this.generatedMerchant = generatedMerchant;
    }

    /** The simulator itself, for everything the shortcuts here do not cover. */
    public DiscountCardSimulator simulator() {
        return this.simulator;
    }

    /** The merchant id the application runs as. */
    public String mchId() {
        return this.mchId;
    }

    /** Whether the merchant's keys were generated (else they are the application's configured ones). */
    public boolean generatedMerchant() {
        return this.generatedMerchant;
    }

    /**
     * How long a card action or orders event waits for its notification to settle (all retries included; with the
     * simulator's compressed retry schedule a notification that is never acknowledged settles in about 8 s).
     */
    public SimulatedWechatPay awaitAtMost(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be more than zero but was " + timeout);
        }
        this.await = timeout;
        return this;
    }

    // ---------------------------------------------------------------- cards family

    /** Registers a card template (WeChat configures them offline) so that the application can prepare its cards. */
    public SimulatedWechatPay registerCardTemplate(CardTemplate template) {
        this.simulator.registerCardTemplate(template);
        return this;
    }

    /**
     * The user claims the card the application prepared: the card becomes {@code ONGOING} and WeChat notifies
     * DISCOUNT_CARD.USER_ACCEPTED to the application.
     * @return the delivery, settled (see {@link NotificationDelivery#acknowledged()} and its attempts)
     * @throws IllegalArgumentException when the application did not prepare this card
     */
    public NotificationDelivery claimCard(String outCardCode) {
        return settledAfter(() -> this.simulator.claimCard(outCardCode), outCardCode, NotificationPayloads.USER_ACCEPTED);
    }

    /** The card's agreement ends with its objectives met ({@code FINISHED}): AGREEMENT_ENDED is notified. */
    public NotificationDelivery finishCard(String outCardCode) {
        return settledAfter(() -> this.simulator.finishCard(outCardCode), outCardCode,
                NotificationPayloads.AGREEMENT_ENDED);
    }

    /**
     * The card's agreement ends unfinished ({@code UNFINISHED}, e.g. with reason {@code EARLY_QUIT}); with rewards
     * used a charge-back is due ({@code PAYING}). AGREEMENT_ENDED is notified.
     */
    public NotificationDelivery endCardUnfinished(String outCardCode, String unfinishedReason) {
        return settledAfter(() -> this.simulator.endCardUnfinished(outCardCode, unfinishedReason), outCardCode,
                NotificationPayloads.AGREEMENT_ENDED);
    }

    /** The user pays the charge-back of an unfinished card ({@code PAID}): USER_PAID is notified. */
    public NotificationDelivery payCardChargeBack(String outCardCode) {
        return settledAfter(() -> this.simulator.payCardChargeBack(outCardCode), outCardCode,
                NotificationPayloads.USER_PAID);
    }

    /**
     * The claimed card as the simulator holds it, with the records the application reported.
     * @throws IllegalArgumentException when no card with this code was claimed
     */
    public SimulatedCard card(String outCardCode) {
        return this.simulator.card(outCardCode).orElseThrow(() -> new IllegalArgumentException(
                "No claimed card " + outCardCode + " in the simulator (prepared: "
                        + this.simulator.preparedCard(outCardCode).isPresent() + ")"));
    }

    /**
     * The {@code objective_completion_serial_no} of every completion record the application reported for the card
     * and the simulator applied, in the order received (a repeated serial number is applied once).
     */
    public List<String> completionSerialNumbers(String outCardCode) {
        return card(outCardCode).objectives().stream()
            .flatMap((objective) -> objective.records().stream())
            .map(SimulatedCard.CompletionRecord::serialNo)
            .toList();
    }

    /** The {@code reward_usage_serial_no} of every usage record the application reported for the card. */
    public List<String> usageSerialNumbers(String outCardCode) {
        return card(outCardCode).rewards().stream()
            .flatMap((reward) -> reward.records().stream())
            .map(SimulatedCard.UsageRecord::serialNo)
            .toList();
    }

    // ---------------------------------------------------------------- orders family

    /** Creates an orders-family order (state {@code CREATED}) the application can then update and query. */
    public SimulatedOrder createOrder(String outOrderNo) {
        return this.simulator.createOrder(outOrderNo);
    }

    /** Notifies DISCOUNT_CARD.GET_CARD about the order to the application's notification endpoint. */
    public NotificationDelivery sendGetCard(String outOrderNo) {
        return orderEvent(NotificationPayloads.GET_CARD, outOrderNo);
    }

    /** Notifies DISCOUNT_CARD.SETTLEMENT about the order (as it is now) to the application's endpoint. */
    public NotificationDelivery sendSettlement(String outOrderNo) {
        return orderEvent(NotificationPayloads.SETTLEMENT, outOrderNo);
    }

    /**
     * The order as the simulator holds it, with the records the application reported.
     * @throws IllegalArgumentException when there is no such order
     */
    public SimulatedOrder order(String outOrderNo) {
        return this.simulator.order(outOrderNo)
            .orElseThrow(() -> new IllegalArgumentException("No order " + outOrderNo + " in the simulator"));
    }

    // ---------------------------------------------------------------- records and faults

    /** Every notification sent since the last reset (the kit resets before each test method), oldest first. */
    public List<NotificationDelivery> deliveries() {
        return this.simulator.notifications().deliveries();
    }

    /** Every delivery attempt and the application's answer since the last reset, in the order answered. */
    public List<NotificationAttempt> attempts() {
        return this.simulator.notifications().attempts();
    }

    /** Makes the next {@code times} API calls of the application fail with this fault (a 500, a reset …). */
    public SimulatedWechatPay failNextCalls(Fault fault, int times) {
        this.simulator.failNext(fault, times);
        return this;
    }

    /** Gives the next {@code times} notifications this fault (a probe signature, a duplicate …). */
    public SimulatedWechatPay failNextNotifications(NotificationFault fault, int times) {
        this.simulator.notifications().failNext(fault, times);
        return this;
    }

    /** Clears the recorded requests and notifications and all faults; cards, orders and templates stay. */
    public void reset() {
        this.simulator.reset();
    }

    private NotificationDelivery orderEvent(String eventType, String outOrderNo) {
        List<NotificationDelivery> sent = this.simulator.notifications().orderEvent(this.mchId, eventType, outOrderNo);
        return sent.get(0).awaitSettled(this.await);
    }

    private NotificationDelivery settledAfter(Supplier<SimulatedCard> action, String outCardCode, String eventType) {
        Objects.requireNonNull(outCardCode, "outCardCode");
        int before = this.simulator.notifications().deliveries().size();
        action.get();
        List<NotificationDelivery> all = this.simulator.notifications().deliveries();
        NotificationDelivery delivery = all.subList(Math.min(before, all.size()), all.size()).stream()
            .filter((candidate) -> candidate.eventType().equals(eventType))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new IllegalStateException("The simulator sent no " + eventType + " for card "
                    + outCardCode + ": its notify_url names a reserved example host, or the merchant has no APIv3 "
                    + "key"));
        return delivery.awaitSettled(this.await);
    }

    @Override
    public String toString() {
        return "SimulatedWechatPay[mchId=" + this.mchId + ", " + this.simulator + "]";
    }
}
