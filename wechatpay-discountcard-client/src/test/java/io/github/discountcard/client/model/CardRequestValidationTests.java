package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardRequestValidationTests {

    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 5, 20, 13, 29, 35, 120_000_000,
            ZoneOffset.ofHours(8));

    static PrepareCardRequest.Builder validPrepare() {
        return PrepareCardRequest.builder().outCardCode("card_1-2|3*").cardTemplateId("CTA27E34ABCDE")
            .appid("wxd678efh567hg6787").notifyUrl("https://api.example.com/notify");
    }

    static ObjectiveCompletionRecord.Builder objective() {
        return ObjectiveCompletionRecord.builder().objectiveCompletionSerialNo("o-1").objectiveId("123456")
            .completionTime(TIME).completionType(RecordType.INCREASE).description("到店消费").completionCount(1);
    }

    static RewardUsageRecord.Builder reward() {
        return RewardUsageRecord.builder().rewardUsageSerialNo("r-1").rewardId("654321").usageTime(TIME)
            .usageType(RecordType.INCREASE).description("立减5元").usageCount(1).amount(500);
    }

    @Test
    void aValidPrepareRequestHasNoProblems() {
        assertThat(validPrepare().build().problems()).isEmpty();
        assertThat(validPrepare().notifyUrl("http://127.0.0.1:8080/notify").build().problems())
            .as("loopback http for tests").isEmpty();
        assertThat(validPrepare().notifyUrl("http://localhost/notify").build().problems()).isEmpty();
    }

    @Test
    void eachPrepareRuleNamesItsField() {
        assertThat(PrepareCardRequest.builder().build().problems()).containsExactly("out_card_code is required",
                "card_template_id is required", "appid is required", "notify_url is required");
        assertThat(validPrepare().outCardCode("a".repeat(33)).build().problems())
            .singleElement().asString().startsWith("out_card_code must be 1 to 32 characters");
        assertThat(validPrepare().outCardCode("a/b").build().problems())
            .singleElement().asString().startsWith("out_card_code must be");
        assertThat(validPrepare().outCardCode("a.b").build().problems()).hasSize(1);
        assertThat(validPrepare().cardTemplateId("t".repeat(65)).build().problems())
            .containsExactly("card_template_id must be at most 64 characters but has 65");
        assertThat(validPrepare().appid("wx1234567").build().problems())
            .containsExactly("appid must have 10 to 32 characters but has 9");
        assertThat(validPrepare().appid("w".repeat(33)).build().problems()).singleElement().asString()
            .startsWith("appid must have");
        assertThat(validPrepare().notifyUrl("http://api.example.com/notify").build().problems())
            .singleElement().asString().startsWith("notify_url must use https://");
        assertThat(validPrepare().notifyUrl("/notify").build().problems()).singleElement().asString()
            .startsWith("notify_url must be an absolute https:// URL");
        assertThat(validPrepare().notifyUrl("ftp://example.com/x").build().problems()).singleElement().asString()
            .startsWith("notify_url must be an absolute https:// URL");
        assertThat(validPrepare().notifyUrl("https://example.com/" + "x".repeat(236)).build().problems())
            .containsExactly("notify_url must be at most 255 characters but has 256");
    }

    @Test
    void aValidRecordsRequestHasNoProblems() {
        assertThat(AddUserRecordsRequest.builder().cardTemplateId("T").objectiveCompletionRecord(objective().build())
            .rewardUsageRecord(reward().build()).rewardUsageRecord(reward().rewardUsageSerialNo("r-2").build())
            .build().problems()).isEmpty();
        assertThat(AddUserRecordsRequest.builder().cardTemplateId("T").rewardUsageRecord(reward().build()).build()
            .problems()).isEmpty();
    }

    @Test
    void eachRecordsRuleNamesItsField() {
        assertThat(AddUserRecordsRequest.builder().build().problems()).containsExactly("card_template_id is required",
                "objective_completion_records and reward_usage_records are both empty: at least one record is "
                        + "required");
        AddUserRecordsRequest.Builder base = AddUserRecordsRequest.builder().cardTemplateId("T");
        assertThat(base.objectiveCompletionRecord(ObjectiveCompletionRecord.builder().build()).build().problems())
            .containsExactly("objective_completion_records[0].objective_completion_serial_no is required",
                    "objective_completion_records[0].objective_id is required",
                    "objective_completion_records[0].completion_time is required",
                    "objective_completion_records[0].completion_type is required",
                    "objective_completion_records[0].description is required",
                    "objective_completion_records[0].completion_count is required");
        assertThat(records(objective().description("一二三四五六七八九十一二三四五六七八九十一").build()))
            .containsExactly("objective_completion_records[0].description must be at most 20 characters but has 21");
        assertThat(records(objective().description("一二三四五六七八九十一二三四五六七八九十").build())).isEmpty();
        assertThat(records(objective().remark("r".repeat(51)).build()))
            .containsExactly("objective_completion_records[0].remark must be at most 50 characters but has 51");
        assertThat(records(objective().completionCount(0).build()))
            .containsExactly("objective_completion_records[0].completion_count must be at least 1 but was 0");
        assertThat(records(objective().objectiveCompletionSerialNo("s".repeat(33)).build())).containsExactly(
                "objective_completion_records[0].objective_completion_serial_no must be at most 32 characters but has 33");
        assertThat(records(objective().objectiveId("i".repeat(33)).build()))
            .containsExactly("objective_completion_records[0].objective_id must be at most 32 characters but has 33");
        assertThat(rewards(reward().amount(0).build()))
            .containsExactly("reward_usage_records[0].amount must be more than 0 fen but was 0");
        assertThat(rewards(reward().usageCount(0).build()))
            .containsExactly("reward_usage_records[0].usage_count must be at least 1 but was 0");
        assertThat(rewards(reward().description("d".repeat(21)).build()))
            .containsExactly("reward_usage_records[0].description must be at most 20 characters but has 21");
        assertThat(rewards(reward().remark("r".repeat(51)).build()))
            .containsExactly("reward_usage_records[0].remark must be at most 50 characters but has 51");
        assertThat(rewards(RewardUsageRecord.builder().build())).contains("reward_usage_records[0].reward_id is required",
                "reward_usage_records[0].amount is required", "reward_usage_records[0].usage_type is required");
        assertThat(AddUserRecordsRequest.builder().cardTemplateId("t".repeat(65)).rewardUsageRecord(reward().build())
            .build().problems()).containsExactly("card_template_id must be at most 64 characters but has 65");
    }

    @Test
    void aSecondObjectiveCompletionRecordIsRefusedSayingWhy() {
        AddUserRecordsRequest request = AddUserRecordsRequest.builder().cardTemplateId("T")
            .objectiveCompletionRecord(objective().build())
            .objectiveCompletionRecord(objective().objectiveCompletionSerialNo("o-2").build())
            .build();
        assertThat(request.problems()).containsExactly("objective_completion_records has 2 records but WeChat accepts "
                + "at most one objective completion record per call: send the others in further calls");
    }

    @Test
    void unknownRecordTypesAreAllowed() {
        assertThat(records(objective().completionType(RecordType.of("RESET")).build())).isEmpty();
    }

    private static java.util.List<String> records(ObjectiveCompletionRecord record) {
        return AddUserRecordsRequest.builder().cardTemplateId("T").objectiveCompletionRecord(record).build().problems();
    }

    private static java.util.List<String> rewards(RewardUsageRecord record) {
        return AddUserRecordsRequest.builder().cardTemplateId("T").rewardUsageRecord(record).build().problems();
    }
}
