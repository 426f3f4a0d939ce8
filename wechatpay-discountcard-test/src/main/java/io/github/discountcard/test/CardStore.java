package io.github.discountcard.test;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The cards family in memory: registered templates, prepared claims, claimed cards, and the listeners told about
 * each lifecycle change. Each card is an immutable snapshot changed through {@link ConcurrentHashMap#compute}.
 */
final class CardStore {

    static final Duration CARD_PERIOD = Duration.ofDays(30);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final Clock clock;

    private final ConcurrentHashMap<String, CardTemplate> templates = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, PreparedCard> prepared = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, SimulatedCard> cards = new ConcurrentHashMap<>();

    private final List<Consumer<CardEvent>> listeners = new CopyOnWriteArrayList<>();

    private final AtomicLong cardSequence = new AtomicLong();

    CardStore(Clock clock) {
        this.clock = clock;
    }

    // ---------------------------------------------------------------- templates

    void register(CardTemplate template) {
        this.templates.put(template.cardTemplateId(), template);
    }

    Optional<CardTemplate> template(String cardTemplateId) {
        return Optional.ofNullable(this.templates.get(cardTemplateId));
    }

    List<CardTemplate> templates() {
        List<CardTemplate> all = new ArrayList<>(this.templates.values());
        all.sort(Comparator.comparing(CardTemplate::cardTemplateId));
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- prepare

    /**
     * Prepares a claim; preparing the same card code again with the same template answers the same token (so a
     * retried call is harmless), with another template or once claimed it is refused.
     */
    PreparedCard prepare(String outCardCode, String cardTemplateId, String appid, String mchid, String notifyUrl) {
        if (this.cards.containsKey(outCardCode)) {
            throw new ApiException(400, "INVALID_REQUEST", "out_card_code " + outCardCode
                    + " belongs to a card already claimed: use a new out_card_code");
        }
        PreparedCard fresh = new PreparedCard(outCardCode, cardTemplateId, appid, mchid, notifyUrl, newToken(),
                Times.now(this.clock));
        PreparedCard stored = this.prepared.merge(outCardCode, fresh, (existing, ignored) -> existing);
        if (!stored.cardTemplateId().equals(cardTemplateId) || !stored.mchid().equals(mchid)) {
            throw new ApiException(400, "INVALID_REQUEST", "out_card_code " + outCardCode
                    + " was prepared already with another card template: use a new out_card_code");
        }
        return stored;
    }

    Optional<PreparedCard> prepared(String outCardCode) {
        return Optional.ofNullable(this.prepared.get(outCardCode));
    }

    // ---------------------------------------------------------------- cards

    Optional<SimulatedCard> find(String outCardCode) {
        return Optional.ofNullable(this.cards.get(outCardCode));
    }

    List<SimulatedCard> all() {
        List<SimulatedCard> all = new ArrayList<>(this.cards.values());
        all.sort(Comparator.comparing(SimulatedCard::createTime).thenComparing(SimulatedCard::cardId));
        return List.copyOf(all);
    }

    /** The user accepts a prepared card: it becomes {@code ONGOING} for {@link #CARD_PERIOD}. */
    SimulatedCard claim(String outCardCode, @Nullable String openid, @Nullable String sharerOpenid) {
        PreparedCard claim = this.prepared.get(outCardCode);
        if (claim == null) {
            throw new IllegalArgumentException("No prepared card with out_card_code " + outCardCode
                    + ": prepare it with POST /v3/discount-card/cards first");
        }
        CardTemplate template = this.templates.get(claim.cardTemplateId());
        if (template == null) {
            throw new IllegalStateException("The card template " + claim.cardTemplateId() + " is not registered");
        }
        OffsetDateTime now = Times.now(this.clock);
        String cardId = "1000" + now.format(DAY) + String.format("%08d", this.cardSequence.incrementAndGet());
        List<SimulatedCard.Objective> objectives = template.objectives().stream()
            .map((o) -> new SimulatedCard.Objective(o.objectiveId(), o.name(), o.count(), o.unit(), o.description(),
                    List.of()))
            .toList();
        List<SimulatedCard.Reward> rewards = template.rewards().stream()
            .map((r) -> new SimulatedCard.Reward(r.rewardId(), r.name(), r.countType(), r.count(), r.unit(),
                    r.amount(), r.description(), List.of()))
            .toList();
        SimulatedCard card = new SimulatedCard(cardId, claim.cardTemplateId(),
                (openid != null) ? openid : "oUpF8u" + RandomIds.alphanumeric(22), outCardCode, claim.appid(),
                claim.mchid(), now, now.plus(CARD_PERIOD), "ONGOING", null, null, null, now, objectives, rewards,
                sharerOpenid, claim.notifyUrl());
        if (this.cards.putIfAbsent(outCardCode, card) != null) {
            throw new IllegalStateException("The card " + outCardCode + " was claimed already");
        }
        this.prepared.remove(outCardCode, claim);
        publish(CardEvent.USER_ACCEPTED, card);
        return card;
    }

    /** Ends the agreement: {@code FINISHED}, or {@code UNFINISHED} with a reason and a charge-back when used. */
    SimulatedCard endAgreement(String outCardCode, boolean finished, @Nullable String unfinishedReason) {
        SimulatedCard ended = change(outCardCode, (card) -> {
            requireState(card, "ONGOING", "SETTLING");
            long used = card.usedAmount();
            SimulatedCard.Payment payment = (!finished && used > 0)
                    ? new SimulatedCard.Payment(used, "PAYING", null, null) : null;
            return card.withState(finished ? "FINISHED" : "UNFINISHED", finished ? null : unfinishedReason)
                .withPayment(used, payment);
        });
        publish(CardEvent.AGREEMENT_ENDED, ended);
        return ended;
    }

    /** The user pays the charge-back of an unfinished card: {@code PAYING} becomes {@code PAID}. */
    SimulatedCard pay(String outCardCode) {
        SimulatedCard paid = change(outCardCode, (card) -> {
            SimulatedCard.Payment payment = card.payInformation();
            if (payment == null || !payment.payState().equals("PAYING")) {
                throw new IllegalStateException("The card " + outCardCode + " has no charge-back in state PAYING: "
                        + "end its agreement unfinished with rewards used first");
            }
            OffsetDateTime now = Times.now(this.clock);
            String transactionId = "42000" + now.format(DAY) + RandomIds.digits(15);
            return card.withPayment(card.totalAmount(),
                    new SimulatedCard.Payment(payment.payAmount(), "PAID", transactionId, now));
        });
        publish(CardEvent.USER_PAID, paid);
        return paid;
    }

    /** Replaces a card by a function of it (a test's change; no event). */
    SimulatedCard change(String outCardCode, UnaryOperator<SimulatedCard> change) {
        SimulatedCard updated = this.cards.computeIfPresent(outCardCode,
                (key, card) -> Objects.requireNonNull(change.apply(card), "the change returned null"));
        if (updated == null) {
            throw new IllegalArgumentException("No claimed card with out_card_code " + outCardCode);
        }
        return updated;
    }

    /** Applies records atomically; empty when there is no such card. */
    Optional<SimulatedCard> apply(String outCardCode, UnaryOperator<SimulatedCard> records) {
        return Optional.ofNullable(this.cards.computeIfPresent(outCardCode, (key, card) -> records.apply(card)));
    }

    void onEvent(Consumer<CardEvent> listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void clear() {
        this.prepared.clear();
        this.cards.clear();
    }

    private void publish(String eventType, SimulatedCard card) {
        CardEvent event = new CardEvent(eventType, card);
        for (Consumer<CardEvent> listener : this.listeners) {
            listener.accept(event);
        }
    }

    private static void requireState(SimulatedCard card, String... states) {
        for (String state : states) {
            if (card.state().equals(state)) {
                return;
            }
        }
        throw new IllegalStateException("The card " + card.outCardCode() + " is " + card.state() + ", not "
                + String.join(" or ", states));
    }

    /** Base64 text, so launch code must URL-encode it: {@code +}, {@code /} and {@code ==} appear. */
    private static String newToken() {
        return Base64.getEncoder().encodeToString(RandomIds.bytes(34));
    }
}
