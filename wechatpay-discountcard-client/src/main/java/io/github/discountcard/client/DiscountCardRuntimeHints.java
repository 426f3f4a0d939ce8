package io.github.discountcard.client;

import java.util.List;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.CardObjective;
import io.github.discountcard.client.model.CardReward;
import io.github.discountcard.client.model.CardTimeRange;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.ObjectiveCompletionRecord;
import io.github.discountcard.client.model.ObjectiveRecord;
import io.github.discountcard.client.model.OpenValue;
import io.github.discountcard.client.model.PayInformation;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.Reward;
import io.github.discountcard.client.model.RewardRecord;
import io.github.discountcard.client.model.RewardUsageRecord;
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

    /** Looked up by {@code CryptoProviders} through {@code Class.forName}; absent unless the user adds it. */
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        ReflectionHints reflection = hints.reflection();
        new BindingReflectionHintsRegistrar().registerReflectionHints(reflection,
                BOUND_TYPES.toArray(Class<?>[]::new));
        // the binding hints follow each record component, the static @JsonCreator of(String) of the open-set
        // values and the (de)serializers named by @JsonSerialize/@JsonDeserialize(using = ...); the @JsonValue
        // value() is declared once, on the shared superclass
        reflection.registerType(OpenValue.class, MemberCategory.INVOKE_PUBLIC_METHODS);
        // a missing type in the hints is skipped by native-image, so this costs nothing without ACCP
        reflection.registerType(TypeReference.of(ACCP_CLASS), (type) -> type.withField("INSTANCE")
            .withMethod("getLoadingError", List.of(), ExecutableMode.INVOKE)
            .withMethod("assertHealthy", List.of(), ExecutableMode.INVOKE)
            .withMethod("getVersionStr", List.of(), ExecutableMode.INVOKE)
            .withMethod("getAwsLcVersionStr", List.of(), ExecutableMode.INVOKE));
    }
}
