package io.github.discountcard.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of each WeChat Pay call. Implement it (or extend
 * {@link DefaultWechatPayObservationConvention}) and pass it to the client's builder
 * ({@code observationConvention(...)}) to change the name or the tags; an {@code ObservationFilter} or a global
 * convention registered with the {@code ObservationRegistry} works as well.
 */
public interface WechatPayObservationConvention extends ObservationConvention<WechatPayObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WechatPayObservationContext;
    }
}
