package io.github.discountcard.notification;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One verified, decrypted discount card notification: the envelope's fields, the decrypted {@code resource} as JSON
 * text, and, for the five known events, the typed payload ({@link #cardPayload()} for USER_ACCEPTED,
 * AGREEMENT_ENDED and USER_PAID; {@link #orderPayload()} for GET_CARD and SETTLEMENT). Unknown event types carry
 * their raw JSON only. Immutable; {@link #toString()} masks openids and never shows the resource JSON.
 */
public final class DiscountCardNotification {

    private final String id;

    private final String eventType;

    private final @Nullable String createTimeText;

    private final @Nullable String resourceType;

    private final @Nullable String summary;

    private final @Nullable String originalType;

    private final String resourceJson;

    private final @Nullable CardNotificationPayload cardPayload;

    private final @Nullable OrderNotificationPayload orderPayload;

    /**
     * @param id the notification id, unique per notification (duplicates carry the same id)
     * @param eventType the raw {@code event_type}
     * @param createTime the raw {@code create_time}
     * @param resourceType the raw {@code resource_type}, {@code encrypt-resource}
     * @param summary the raw {@code summary}
     * @param originalType {@code resource.original_type}
     * @param resourceJson the decrypted resource
     * @param cardPayload the typed payload of a cards-family event, if it could be read
     * @param orderPayload the typed payload of an orders-family event, if it could be read
     */
    public DiscountCardNotification(String id, String eventType, @Nullable String createTime,
            @Nullable String resourceType, @Nullable String summary, @Nullable String originalType,
            String resourceJson, @Nullable CardNotificationPayload cardPayload,
            @Nullable OrderNotificationPayload orderPayload) {
        this.id = Objects.requireNonNull(id, "id");
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.createTimeText = createTime;
        this.resourceType = resourceType;
        this.summary = summary;
        this.originalType = originalType;
        this.resourceJson = Objects.requireNonNull(resourceJson, "resourceJson");
        this.cardPayload = cardPayload;
        this.orderPayload = orderPayload;
    }

    /** The notification id: the same for every delivery of one notification. */
    public String id() {
        return this.id;
    }

    /** The raw {@code event_type}, e.g. {@code USER_ACCEPTED}. */
    public String eventType() {
        return this.eventType;
    }

    /** The known event named by {@link #eventType()}, empty for event types this library does not know. */
    public Optional<DiscountCardEvent> event() {
        return DiscountCardEvent.of(this.eventType);
    }

    /** Whether this is the given event. */
    public boolean is(DiscountCardEvent event) {
        return event.matches(this.eventType);
    }

    /** {@code create_time} with its own offset; {@code null} when absent or not RFC 3339 (see {@link #createTimeText()}). */
    public @Nullable OffsetDateTime createTime() {
        if (this.createTimeText == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(this.createTimeText.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** {@code create_time} exactly as sent. */
    public @Nullable String createTimeText() {
        return this.createTimeText;
    }

    public @Nullable String resourceType() {
        return this.resourceType;
    }

    /** The human-readable {@code summary}, e.g. {@code 用户领卡成功}. */
    public @Nullable String summary() {
        return this.summary;
    }

    /** {@code resource.original_type} (its value for discount cards is not documented). */
    public @Nullable String originalType() {
        return this.originalType;
    }

    /** The decrypted {@code resource}: JSON text, exactly as decrypted. */
    public String resourceJson() {
        return this.resourceJson;
    }

    /**
     * The decrypted {@code resource} with the value of every {@code openid} and {@code *_openid} field masked: what
     * may be logged or shown.
     */
    public String maskedResourceJson() {
        return Masking.json(this.resourceJson);
    }

    /** The typed payload of USER_ACCEPTED, AGREEMENT_ENDED and USER_PAID. */
    public Optional<CardNotificationPayload> cardPayload() {
        return Optional.ofNullable(this.cardPayload);
    }

    /** The typed payload of GET_CARD and SETTLEMENT. */
    public Optional<OrderNotificationPayload> orderPayload() {
        return Optional.ofNullable(this.orderPayload);
    }

    /** The typed payload of a known event ({@link CardNotificationPayload} or {@link OrderNotificationPayload}). */
    public Optional<Object> payload() {
        return Optional.ofNullable((this.cardPayload != null) ? this.cardPayload : this.orderPayload);
    }

    @Override
    public String toString() {
        return "DiscountCardNotification[id=" + this.id + ", eventType=" + this.eventType + ", createTime="
                + this.createTimeText + ", summary=" + this.summary + ", payload=" + payload().orElse(null) + "]";
    }
}
