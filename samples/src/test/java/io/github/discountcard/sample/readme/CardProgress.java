package io.github.discountcard.sample.readme;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.PerformanceType;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
class CardProgress {

    private final DiscountCardClient cards;

    CardProgress(DiscountCardClient cards) {
        this.cards = cards;
    }

    Mono<UpdateOrderResponse> recordPurchase(String outOrderNo, String serialNo) {
        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(Objective.builder()
                .objectiveSerialNo(serialNo)          // WeChat Pay deduplicates by this serial number
                .objectiveId(123456)
                .performanceDescription("购买商品")
                .performanceType(PerformanceType.INCREASE)
                .count(1)
                .performanceTime(OffsetDateTime.now(ZoneOffset.ofHours(8)))
                .build())
            .build();
        return this.cards.updateOrder(outOrderNo, request);
    }

    Mono<DiscountCardOrder> progress(String outOrderNo) {
        return this.cards.getOrder(outOrderNo);
    }
}
