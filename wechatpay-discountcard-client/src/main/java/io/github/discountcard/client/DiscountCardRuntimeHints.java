package io.github.discountcard.client;

import java.util.List;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.CardObjective;
import io.github.discountcard.client.model.CardReward;
import io.github.discountcard.client.model.CardState;
import io.github.discountcard.client.model.CardTimeRange;
import io.github.discountcard.client.model.CountType;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.ObjectiveCompletionRecord;
import io.github.discountcard.client.model.ObjectiveRecord;
import io.github.discountcard.client.model.OpenValue;
import io.github.discountcard.client.model.OrderState;
import io.github.discountcard.client.model.PayInformation;
import io.github.discountcard.client.model.PayState;
import io.github.discountcard.client.model.PerformanceType;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.RecordType;
import io.github.discountcard.client.model.Reward;
import io.github.discountcard.client.model.RewardRecord;
import io.github.discountcard.client.model.RewardType;
import io.github.discountcard.client.model.RewardUsageRecord;
import io.github.discountcard.client.model.Rfc3339;
import io.github.discountcard.client.model.UnfinishedReason;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import io.github.discountcard.notification.CardNotificationPayload;
import io.github.discountcard.notification.OrderNotificationPayload;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a GraalVM native image must keep for the client and the notification endpoint: everything Jackson binds
 * (the request and answer models, the APIv3 error body, the decrypted notification payloads) and the optional
 * Amazon Corretto Crypto Provider, which {@code CryptoProviders} looks up by name. Listed in
 * {@code META-INF/spring/aot.factories}, so Spring AOT applies it to any application that has this module on its
 * class path, with or without Spring Boot.
 * <p>
 * The certificate download and the notification envelope are read as {@code JsonNode} trees, which need no
 * reflection.
 */
public final class DiscountCardRuntimeHints implements RuntimeHintsRegistrar {

    /** Every type Jackson reads or writes; the records' components are reached from these. */
    static final List<Class<?>> BOUND_TYPES = List.of(
            // the orders family
            UpdateOrderRequest.class, UpdateOrderResponse.class, DiscountCardOrder.class, Objective.class,
            Reward.class, ObjectiveRecord.class, RewardRecord.class, PayInformation.class,
            // the cards family
            PrepareCardRequest.class, PrepareCardResponse.class, DiscountCard.class, CardObjective.class,
            CardReward.class, CardTimeRange.class, AddUserRecordsRequest.class, ObjectiveCompletionRecord.class,
            RewardUsageRecord.class,
            // notifications
            CardNotificationPayload.class, OrderNotificationPayload.class,
            // what a failed call answers
            ErrorBody.class);

    /**
     * Open sets: read through a static {@code @JsonCreator of(String)} and written through {@code @JsonValue
     * value()}, neither of which is a bean property, so the binding hints alone do not keep them.
     */
    static final List<Class<? extends OpenValue>> OPEN_VALUES = List.of(CardState.class, CountType.class,
            OrderState.class, PayState.class, PerformanceType.class, RecordType.class, RewardType.class,
            UnfinishedReason.class);

    /** Looked up by {@code CryptoProviders} through {@code Class.forName}; absent unless the user adds it. */
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        ReflectionHints reflection = hints.reflection();
        new BindingReflectionHintsRegistrar().registerReflectionHints(reflection,
                BOUND_TYPES.toArray(Class<?>[]::new));
        reflection.registerType(OpenValue.class, MemberCategory.INVOKE_PUBLIC_METHODS);
        OPEN_VALUES.forEach((type) -> reflection.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS));
        // named by @JsonSerialize/@JsonDeserialize(using = ...) on every time field, created by Jackson
        reflection.registerType(Rfc3339.Serializer.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        reflection.registerType(Rfc3339.Deserializer.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        // a missing type in the hints is skipped by native-image, so this costs nothing without ACCP
        reflection.registerType(TypeReference.of(ACCP_CLASS), (type) -> type.withField("INSTANCE")
            .withMethod("getLoadingError", List.of(), ExecutableMode.INVOKE)
            .withMethod("assertHealthy", List.of(), ExecutableMode.INVOKE)
            .withMethod("getVersionStr", List.of(), ExecutableMode.INVOKE)
            .withMethod("getAwsLcVersionStr", List.of(), ExecutableMode.INVOKE));
    }
}
