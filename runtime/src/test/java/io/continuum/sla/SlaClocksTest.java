package io.continuum.sla;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.SlaTargets;
import io.continuum.conversation.ConversationState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SLA clocks on real PostgreSQL with the real scheduler and outbox: on time, exactly once, paused while the customer owes an answer. */
@QuarkusTest
class SlaClocksTest {

    @Inject
    SlaClocks clocks;
    @Inject
    Conversations conversations;

    private UUID conversationWithClocks(Duration firstResponse, Duration resolution) {
        UUID id = conversation(uniqueChannel(), List.of(), 2, null);
        QuarkusTransaction.requiringNew().run(() -> {
            Conversation conversation = conversations.requireForUpdate(id);
            SlaTargets due = clocks.start(conversation, new SlaClocks.Targets(firstResponse,
                    Duration.ofSeconds(4), resolution, 0.5, SlaCalendar.TWENTY_FOUR_SEVEN, 1));
            conversations.change(id, (started, now) -> started.setSlaTargets(due, Actor.system("test"), now));
        });
        return id;
    }

    private static long events(String topic, UUID conversationId, String clockKind) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Conversation.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE topic = ?1 AND aggregate_id = ?2 AND payload->>'clock' = ?3")
                .setParameter(1, topic).setParameter(2, conversationId).setParameter(3, clockKind).getSingleResult()).longValue());
    }

    private static SlaClock clockOf(UUID conversationId, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> SlaClock.<SlaClock>find(
                "conversationId = ?1 and kind = ?2 order by startedAt desc", conversationId, kind).firstResult());
    }

    private void move(UUID conversationId, ConversationState to, Actor actor) {
        QuarkusTransaction.requiringNew().run(() -> conversations.change(conversationId,
                (moved, now) -> moved.moveAutomatically(to, "test", actor, now)));
    }

    @Test
    void warningAndBreachFireOnceEachAndOnTime() {
        UUID id = conversationWithClocks(Duration.ofSeconds(4), Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> events("sla.breached", id, "first_response") > 0);
        SlaClock fired = clockOf(id, SlaClock.FIRST_RESPONSE);
        assertThat(Duration.between(fired.warnAt, fired.warnedAt)).as("warning delay").isLessThan(Duration.ofSeconds(3));
        assertThat(Duration.between(fired.dueAt, fired.breachedAt)).as("breach delay").isLessThan(Duration.ofSeconds(3));
        assertThat(fired.warnAt).isEqualTo(fired.startedAt.plusSeconds(2));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                events("sla.warning", id, "first_response") == 1 && events("sla.breached", id, "first_response") == 1);
        assertThat(events("sla.breached", id, "resolution")).isZero();
        as("agent").get("/api/v1/conversations/{id}", id).then().statusCode(200)
                .body("sla.breached", org.hamcrest.Matchers.equalTo(true))
                .body("sla.firstResponseDueAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void clocksPauseWhileAwaitingTheCustomerAndResumeOnTheirReply() {
        UUID id = conversationWithClocks(Duration.ofSeconds(6), Duration.ofSeconds(30));
        move(id, ConversationState.AWAITING_CUSTOMER, Actor.ai("ai:first-contact"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SlaClock.PAUSED.equals(clockOf(id, SlaClock.FIRST_RESPONSE).status));
        SlaClock paused = clockOf(id, SlaClock.FIRST_RESPONSE);
        assertThat(paused.nextFireAt).as("a paused clock is not polled").isNull();
        Instant originalDue = paused.dueAt;

        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(originalDue.plusSeconds(1)));
        assertThat(events("sla.breached", id, "first_response")).as("no breach while paused").isZero();

        Instant resumedAround = Instant.now();
        move(id, ConversationState.AWAITING_AGENT, Actor.system("ingestion"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SlaClock.RUNNING.equals(clockOf(id, SlaClock.FIRST_RESPONSE).status));
        SlaClock resumed = clockOf(id, SlaClock.FIRST_RESPONSE);
        assertThat(resumed.dueAt).as("the time left when paused counts again from the reply")
                .isAfterOrEqualTo(resumedAround.plusSeconds(paused.dueRemainingSeconds))
                .isAfter(originalDue);
        Conversation view = QuarkusTransaction.requiringNew().call(() -> Conversation.findById(id));
        assertThat(view.firstResponseDueAt).as("the conversation shows the moved due time").isEqualTo(resumed.dueAt);

        await().atMost(Duration.ofSeconds(20)).until(() -> events("sla.breached", id, "first_response") == 1);
    }

    @Test
    void aPersonsReplyStopsTheResponseClockAndTheCustomersNextMessageStartsTheNextResponseClock() {
        UUID id = conversationWithClocks(Duration.ofMinutes(5), Duration.ofHours(1));
        move(id, ConversationState.AWAITING_CUSTOMER, Actor.human("agent"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SlaClock.STOPPED.equals(clockOf(id, SlaClock.FIRST_RESPONSE).status));
        assertThat(clockOf(id, SlaClock.RESOLUTION).status).isEqualTo(SlaClock.PAUSED);

        move(id, ConversationState.AWAITING_AGENT, Actor.system("ingestion"));
        await().atMost(Duration.ofSeconds(10)).until(() -> clockOf(id, SlaClock.NEXT_RESPONSE) != null);
        SlaClock next = clockOf(id, SlaClock.NEXT_RESPONSE);
        assertThat(next.status).isEqualTo(SlaClock.RUNNING);
        assertThat(next.targetSeconds).isEqualTo(4);
        assertThat(clockOf(id, SlaClock.RESOLUTION).status).isEqualTo(SlaClock.RUNNING);
        await().atMost(Duration.ofSeconds(15)).until(() -> events("sla.breached", id, "next_response") == 1);

        move(id, ConversationState.RESOLVED, Actor.human("agent"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SlaClock.STOPPED.equals(clockOf(id, SlaClock.RESOLUTION).status));
    }
}
