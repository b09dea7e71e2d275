package io.continuum.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins decision-tables/channel-reply.dmn as shipped (version 1 in the policy store): every row, and the edges of the
 * 24-hour and 7-day windows. An empty hours cell is a customer who never wrote on the channel.
 */
@QuarkusTest
class ChannelReplyDecisionTableTest {

    @ParameterizedTest(name = "{0} after {1} h, {2}, template {3}, e-mail {4} → {5} by {6}")
    @CsvSource({
            // channel, hours, replyKind,        template, email, outcome,       row
            "email,     ,      agent-reply,      false,    true,  free-form,     no_messaging_window_on_this_channel",
            "web_chat,  900,   ai-reply,         false,    false, free-form,     no_messaging_window_on_this_channel",
            "sms,       900,   automated-update, false,    false, free-form,     no_messaging_window_on_this_channel",
            "whatsapp,  0,     ai-reply,         false,    false, free-form,     within_24_hours_of_the_customer",
            "messenger, 23,    automated-update, true,     false, free-form,     within_24_hours_of_the_customer",
            "instagram, 23,    agent-reply,      true,     true,  free-form,     within_24_hours_of_the_customer",
            "whatsapp,  24,    ai-reply,         true,     true,  template,      whatsapp_approved_template",
            "whatsapp,  ,      automated-update, true,     false, template,      whatsapp_approved_template",
            "messenger, 25,    agent-reply,      true,     true,  template,      meta_human_agent_tag_within_7_days",
            "instagram, 167,   agent-reply,      true,     false, template,      meta_human_agent_tag_within_7_days",
            "messenger, 168,   agent-reply,      true,     true,  email,         outside_the_window_by_email",
            "messenger, 25,    ai-reply,         true,     true,  email,         outside_the_window_by_email",
            "instagram, 30,    automated-update, true,     true,  email,         outside_the_window_by_email",
            "whatsapp,  48,    agent-reply,      false,    true,  email,         outside_the_window_by_email",
            "messenger, 25,    agent-reply,      false,    false, undeliverable, no_allowed_way_to_reach_them",
            "instagram, 200,   agent-reply,      true,     false, undeliverable, no_allowed_way_to_reach_them",
            "whatsapp,  48,    ai-reply,         false,    false, undeliverable, no_allowed_way_to_reach_them",
    })
    void theShippedTable(String channel, Long hours, String replyKind, boolean templateAvailable, boolean emailKnown,
                         String outcome, String row) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("channel", channel);
        inputs.put("hoursSinceCustomerWrote", hours);
        inputs.put("replyKind", replyKind);
        inputs.put("templateAvailable", templateAvailable);
        inputs.put("emailKnown", emailKnown);
        JsonPath result = given().auth().preemptive().basic("analyst", "analyst").contentType(ContentType.JSON)
                .body(inputs).queryParam("version", 1).when().post("/api/v1/policies/channel-reply/evaluate")
                .then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("outputs.'channel-reply'")).isEqualTo(outcome);
        assertThat(result.getList("fired.id", String.class)).containsExactly(row);
    }

    @ParameterizedTest
    @CsvSource({"ai:first-contact, ai-reply", "system:resolution, automated-update", "rule:automations, automated-update", "agent, agent-reply", ", agent-reply"})
    void theReplyKindComesFromTheAuthor(String author, String kind) {
        assertThat(ChannelReplyPolicy.replyKind(author)).isEqualTo(kind);
    }
}
