package io.continuum.resolution;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.resolution.ResolutionTest.newConversation;
import static io.continuum.resolution.ResolutionTest.open;
import static io.continuum.resolution.ResolutionTest.resolution;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Slack fails halfway through a swarm (answers lost after the call took effect), then works: one channel, no post twice. */
@QuarkusTest
class SwarmRetryTest {

    private static SlackStub slack;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void slackStub() {
        slack = SlackStub.start();
    }

    private static List<Map<String, Object>> postsFor(String channel, String stepPrefix) {
        return slack.messages(channel).stream().filter(m -> m.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("event_payload") instanceof Map<?, ?> payload
                && String.valueOf(payload.get("step")).startsWith(stepPrefix)).toList();
    }

    private boolean stepDone(String resolutionId, String stepPrefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM swarm_step WHERE resolution_id = ?1 AND step LIKE ?2 AND done_at IS NOT NULL")
                .setParameter(1, UUID.fromString(resolutionId)).setParameter(2, stepPrefix + "%").getSingleResult()).intValue() > 0);
    }

    @Test
    void aSlackFailureMidSwarmFollowedBySuccessGivesOneChannelAndNoDuplicatePosts() {
        String conversationId = newConversation("email", "swarm-retry");
        // the channel is created but the answer is lost; then the brief is posted but the answer is lost
        slack.failNext("conversations.create", true);
        slack.failNext("chat.postMessage", true);
        String id = open(conversationId);

        String channel = await().atMost(Duration.ofSeconds(30)).until(() -> resolution(id).getString("swarm.channelId"),
                c -> c != null);
        String caseRef = resolution(id).getString("caseRef").toLowerCase();
        List<SlackStub.Call> creates = slack.calls.stream().filter(c -> c.method().equals("conversations.create")
                && c.params().get("name").startsWith(caseRef)).toList();
        assertThat(creates).as("created once, then told name_taken").hasSize(2);
        assertThat(slack.channelNamed(creates.get(0).params().get("name"))).isTrue();
        assertThat(postsFor(channel, "brief")).as("the brief went out once").hasSize(1);
        assertThat(resolution(id).getString("swarm.status")).isEqualTo("open");
        assertThat(resolution(id).getList("swarm.participants", String.class)).containsExactly("U0ENG1", "U0ENG2");

        // a status post whose answer is lost is found in the channel on the retry, not posted again
        slack.failNext("chat.postMessage", true);
        as("engineer").body(Map.of("status", "fix_in_progress")).when().patch("/api/v1/resolutions/{id}", id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> stepDone(id, "post:status:"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> postsFor(channel, "status:").size() == 1);
        assertThat(postsFor(channel, "status:").get(0).get("text").toString()).contains("investigating → fix_in_progress");
    }
}
