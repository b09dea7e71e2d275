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

import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The scheduler and the clock-following consumer write the same SLA clocks at the same time. */
@QuarkusTest
class SlaConcurrentWritersTest {

    @Inject
    SlaClocks clocks;
    @Inject
    Conversations conversations;

    private UUID conversationWithClocks(Duration firstResponse) {
        UUID id = conversation(uniqueChannel(), List.of(), 2, null);
        QuarkusTransaction.requiringNew().run(() -> {
            Conversation conversation = conversations.requireForUpdate(id);
            SlaTargets due = clocks.start(conversation, new SlaClocks.Targets(firstResponse,
                    Duration.ofSeconds(30), Duration.ofHours(1), 0.5, SlaCalendar.TWENTY_FOUR_SEVEN, 1));
            conversations.change(id, (started, now) -> started.setSlaTargets(due, Actor.system("test"), now));
        });
        return id;
    }

    private static long events(String topic, UUID conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Conversation.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE topic = ?1 AND aggregate_id = ?2 AND payload->>'clock' = 'first_response'")
                .setParameter(1, topic).setParameter(2, conversationId).getSingleResult()).longValue());
    }

    private static SlaClock firstResponseClock(UUID conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> SlaClock.<SlaClock>find(
                "conversationId = ?1 and kind = ?2", conversationId, SlaClock.FIRST_RESPONSE).firstResult());
    }

    @Test
    void aStaleWriteFailsInsteadOfErasingAWarningTheSchedulerFired() {
        UUID id = conversationWithClocks(Duration.ofSeconds(3));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            SlaClock stale = SlaClock.find("conversationId = ?1 and kind = ?2", id, SlaClock.FIRST_RESPONSE).firstResult();
            assertThat(stale.warnedAt).isNull();
            // the scheduler fires the warning while this transaction holds its unlocked copy
            await().atMost(Duration.ofSeconds(10)).until(() -> events("sla.warning", id) == 1);
            stale.pause(Instant.now(), clocks.calendar(stale.calendar));
        })).hasStackTraceContaining("OptimisticLock");

        SlaClock clock = firstResponseClock(id);
        assertThat(clock.warnedAt).as("the fired warning stays recorded").isNotNull();
        assertThat(clock.status).isEqualTo(SlaClock.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("sla.breached", id) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                events("sla.warning", id) == 1 && events("sla.breached", id) == 1);
        assertThat(firstResponseClock(id).breachedAt).as("the breach stays recorded").isNotNull();
    }

    @Test
    void pausesAndResumesRacingTheSchedulerNeverFireTwiceNorLoseABreach() {
        UUID id = conversationWithClocks(Duration.ofSeconds(2));
        Instant until = Instant.now().plusSeconds(4);
        boolean awaitingCustomer = false;
        while (Instant.now().isBefore(until)) {
            awaitingCustomer = !awaitingCustomer;
            ConversationState to = awaitingCustomer ? ConversationState.AWAITING_CUSTOMER : ConversationState.AWAITING_AGENT;
            QuarkusTransaction.requiringNew().run(() -> conversations.change(id,
                    (moved, now) -> moved.moveAutomatically(to, "test", Actor.system("test"), now)));
        }
        if (awaitingCustomer) {
            QuarkusTransaction.requiringNew().run(() -> conversations.change(id,
                    (moved, now) -> moved.moveAutomatically(ConversationState.AWAITING_AGENT, "test", Actor.system("test"), now)));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SlaClock clock = firstResponseClock(id);
            assertThat(clock.status).isEqualTo(SlaClock.RUNNING);
            assertThat(clock.breachedAt).isNotNull();
        });
        SlaClock clock = firstResponseClock(id);
        assertThat(clock.warnedAt).isNotNull();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                events("sla.warning", id) == 1 && events("sla.breached", id) == 1);
    }
}
