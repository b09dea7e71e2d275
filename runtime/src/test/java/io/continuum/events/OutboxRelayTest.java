package io.continuum.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    EntityManager entityManager;
    @Inject
    IdempotentConsumer idempotentConsumer;
    @Inject
    ReceivedMessages receivedMessages;
    @Inject
    FlakyConsumer flakyConsumer;
    @Inject
    Outbox outbox;
    @Inject
    BatchOrder batchOrder;

    /** Fails on the first delivery of each event, succeeds afterwards. */
    @ApplicationScoped
    static class FlakyConsumer {
        private final Map<UUID, Integer> deliveries = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<UUID> handled = new CopyOnWriteArrayList<>();
        @Inject
        IdempotentConsumer idempotent;

        void on(@Observes DomainEvent event) {
            if ("test.flaky".equals(event.topic())) {
                idempotent.handleOnce("flaky-consumer", event, () -> {
                    if (deliveries.merge(event.id(), 1, Integer::sum) == 1) {
                        throw new IllegalStateException("first delivery fails");
                    }
                    handled.add(event.id());
                });
            }
        }

        List<UUID> handled() {
            return handled;
        }

        int deliveries(UUID eventId) {
            return deliveries.getOrDefault(eventId, 0);
        }
    }

    /** Every delivery of a {@code test.batch} event, in the order they arrived. */
    @ApplicationScoped
    static class BatchOrder {
        private final List<UUID> seen = new CopyOnWriteArrayList<>();

        void on(@Observes DomainEvent event) {
            if ("test.batch".equals(event.topic())) {
                seen.add(event.id());
            }
        }

        List<UUID> seen() {
            return seen;
        }
    }

    /** A consumer of message.received, as a feature would write one. */
    @ApplicationScoped
    static class ReceivedMessages {
        private final List<DomainEvent> seen = new CopyOnWriteArrayList<>();

        void on(@Observes DomainEvent event) {
            if (Topics.MESSAGE_RECEIVED.equals(event.topic())) {
                seen.add(event);
            }
        }

        List<DomainEvent> seen() {
            return seen;
        }
    }

    @Test
    void committedMessageReachesConsumersWithItsPayloadAndIsMarkedPublished() {
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("relay"), null, null, null, null), "hello"));
        String messageId = accepted.getString("messageId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receivedMessages.seen())
                .anySatisfy(event -> assertThat(event.payload().get("messageId").asText()).isEqualTo(messageId)));
        DomainEvent event = receivedMessages.seen().stream()
                .filter(e -> e.payload().get("messageId").asText().equals(messageId)).findFirst().orElseThrow();
        assertThat(event.aggregateId().toString()).isEqualTo(accepted.getString("conversationId"));
        assertThat(event.payload().get("channel").asText()).isEqualTo("email");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Object publishedAt = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("SELECT published_at FROM outbox_event WHERE id = ?1")
                    .setParameter(1, event.id()).getSingleResult());
            assertThat(publishedAt).isNotNull();
        });
    }

    @Test
    void anEventAConsumerFailedOnIsDeliveredAgainUntilItIsHandled() {
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish("test.flaky", UUID.randomUUID(), Map.of("n", 1)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(flakyConsumer.handled()).contains(eventId));
        assertThat(flakyConsumer.deliveries(eventId)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Object[] row = (Object[]) QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("SELECT published_at, attempts FROM outbox_event WHERE id = ?1")
                    .setParameter(1, eventId).getSingleResult());
            assertThat(row[0]).isNotNull();
            assertThat(((Number) row[1]).intValue()).isEqualTo(2);
        });
    }

    @Test
    void aConsumerHandlesARedeliveredEventOnlyOnce() {
        DomainEvent event = new DomainEvent(UUID.randomUUID(), Topics.CUSTOMER_UPDATED, UUID.randomUUID(),
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("change", "profile")), Instant.now());
        List<UUID> handled = new CopyOnWriteArrayList<>();

        boolean first = idempotentConsumer.handleOnce("test-consumer", event, () -> handled.add(event.id()));
        boolean second = idempotentConsumer.handleOnce("test-consumer", event, () -> handled.add(event.id()));
        boolean otherConsumer = idempotentConsumer.handleOnce("another-consumer", event, () -> handled.add(event.id()));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(otherConsumer).isTrue();
        assertThat(handled).hasSize(2);
    }

    @Test
    void oneConversationsEventsArriveInOrderAndAreRecordedTogetherWhileAFailedOneWaitsForItsRetry() {
        UUID aggregate = UUID.randomUUID();
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> List.of(
                outbox.publish("test.batch", aggregate, Map.of("n", 1)),
                outbox.publish("test.flaky", aggregate, Map.of("n", 2)),
                outbox.publish("test.batch", aggregate, Map.of("n", 3))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(flakyConsumer.handled()).contains(ids.get(1)));
        assertThat(batchOrder.seen()).filteredOn(ids::contains).containsExactly(ids.get(0), ids.get(2));
        assertThat(flakyConsumer.deliveries(ids.get(1))).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("SELECT id, published_at, attempts FROM outbox_event WHERE aggregate_id = ?1")
                    .setParameter(1, aggregate).getResultList());
            assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row[1]).isNotNull());
            assertThat(rows).extracting(row -> row[0], row -> ((Number) row[2]).intValue()).containsExactlyInAnyOrder(
                    tuple(ids.get(0), 1), tuple(ids.get(1), 2),
                    tuple(ids.get(2), 1));
        });
    }
}
