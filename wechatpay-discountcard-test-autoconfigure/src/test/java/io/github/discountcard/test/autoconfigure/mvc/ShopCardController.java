package io.github.discountcard.test.autoconfigure.mvc;

import java.time.OffsetDateTime;
import java.util.Map;

import io.github.discountcard.client.BlockingDiscountCardClient;
import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.ObjectiveCompletionRecord;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.RecordType;
import io.github.discountcard.client.model.RewardUsageRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The shop's card endpoints, each a blocking call on a servlet thread. */
@RestController
class ShopCardController {

    private final BlockingDiscountCardClient wechatPay;

    private final String templateId;

    private final String appid;

    private final String notifyUrl;

    ShopCardController(BlockingDiscountCardClient wechatPay, @Value("${shop.card-template-id}") String templateId,
            @Value("${shop.appid}") String appid, @Value("${shop.notify-url}") String notifyUrl) {
        this.wechatPay = wechatPay;
        this.templateId = templateId;
        this.appid = appid;
        this.notifyUrl = notifyUrl;
    }

    @PostMapping("/cards/{code}")
    Map<String, String> prepare(@PathVariable String code) {
        String token = this.wechatPay.prepareCard(new PrepareCardRequest(code, this.templateId, this.appid,
                this.notifyUrl)).prepareCardToken();
        return Map.of("out_card_code", code, "prepare_card_token", token);
    }

    /** A visit: one completion of objective OBJ-1 and one 5-yuan use of reward RWD-1, under the shop's serials. */
    @PostMapping("/cards/{code}/visits/{serial}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void visit(@PathVariable String code, @PathVariable String serial) {
        OffsetDateTime now = OffsetDateTime.now();
        this.wechatPay.addUserRecords(code, AddUserRecordsRequest.builder()
            .cardTemplateId(this.templateId)
            .objectiveCompletionRecord(ObjectiveCompletionRecord.builder().objectiveCompletionSerialNo("C-" + serial)
                .objectiveId("OBJ-1").completionTime(now).completionType(RecordType.INCREASE).description("到店消费")
                .completionCount(1).build())
            .rewardUsageRecord(RewardUsageRecord.builder().rewardUsageSerialNo("U-" + serial).rewardId("RWD-1")
                .usageTime(now).usageType(RecordType.INCREASE).description("消费立减").usageCount(1).amount(500)
                .build())
            .build());
    }

    @GetMapping("/cards/{code}")
    Map<String, Object> card(@PathVariable String code) {
        DiscountCard card = this.wechatPay.getCard(code);
        return Map.of("out_card_code", card.outCardCode(), "state", card.state().value());
    }

    @GetMapping("/orders/{outOrderNo}")
    Map<String, Object> order(@PathVariable String outOrderNo) {
        DiscountCardOrder order = this.wechatPay.getOrder(outOrderNo);
        return Map.of("out_order_no", order.outOrderNo(), "state", String.valueOf(order.state()));
    }
}
