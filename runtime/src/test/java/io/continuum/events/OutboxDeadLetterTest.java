package io.continuum.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay under consumers that fail forever, throw errors or race each other. */
@QuarkusTest
class OutboxDeadLetterTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry meters;
    @Inject
    Consumers consumers;

    @ApplicationScoped
    static class Consumers {
        final Set<UUID> poisonHealed = ConcurrentHashMap.newKeySet();
        final Map<UUID, Integer> poisonCalls = new ConcurrentHashMap<>();
        final List<UUID> healthy = new CopyOnWriteArrayList<>();
        final List<UUID> afterTheThrower = new CopyOnWriteArrayList<>();
        final Map<UUID, List<Integer>> sequences = new ConcurrentHashMap<>();
        final Map<UUID, Integer> flakyCalls = new ConcurrentHashMap<>();
        @Inject
        IdempotentConsumer idempotent;

        /** Fails on every delivery of a test.poison event until the test heals it. */
        void poison(@Observes DomainEvent event) {
            if ("test.poison".equals(event.topic())) {
                idempotent.handleOnce("test-poison", event, () -> {
                    poisonCalls.merge(event.id(), 1, Integer::sum);
                    if (!poisonHealed.contains(event.id())) {
                        throw new IllegalStateException("cannot handle this event");
                    }
                });
            }
        }

        /** Fails on the first delivery of a test.flaky event and handles the next. */
        void flaky(@Observes DomainEvent event) {
            if ("test.flaky".equals(event.topic())) {
                idempotent.handleOnce("test-flaky", event, () -> {
                    if (flakyCalls.merge(event.id(), 1, Integer::sum) == 1) {
                        throw new IllegalStateException("first delivery fails");
                    }
                });
            }
        }

        /** Handles every test event, the poison ones included. */
        void healthy(@Observes DomainEvent event) {
            if (event.topic().startsWith("test.poison") || event.topic().equals("test.healthy")
                    || event.topic().equals("test.error")) {
                idempotent.handleOnce("test-healthy", event, () -> healthy.add(event.id()));
            }
        }

        /** Throws an Error inside its idempotent handling. */
        void errorInside(@Observes DomainEvent event) {
            if ("test.error".equals(event.topic())) {
                idempotent.handleOnce("test-error-inside", event, () -> {
                    throw new StackOverflowError("simulated");
                });
            }
        }

        /** Throws an Error before reaching any idempotent handling: the bus itself must contain it. */
        void errorOutside(@Observes DomainEvent event) {
            if ("test.error".equals(event.topic())) {
                throw new LinkageError("simulated outside handleOnce");
            }
        }

        void afterTheThrower(@Observes DomainEvent event) {
            if ("test.error".equals(event.topic())) {
                idempotent.handleOnce("test-after-thrower", event, () -> afterTheThrower.add(event.id()));
            }
        }

        // the test reaches the bean through its client proxy: state only through methods
        Set<UUID> poisonHealed() {
            return poisonHealed;
        }

        Map<UUID, Integer> poisonCalls() {
            return poisonCalls;
        }

        List<UUID> healthy() {
            return healthy;
        }

        List<UUID> afterTheThrower() {
            return afterTheThrower;
        }

        Map<UUID, List<Integer>> sequences() {
            return sequences;
        }

        Map<UUID, Integer> flakyCalls() {
            return flakyCalls;
        }

        void ordered(@Observes DomainEvent event) {
            if ("test.ordered".equals(event.topic())) {
                idempotent.handleOnce("test-ordered", event, () -> sequences
                        .computeIfAbsent(event.aggregateId(), k -> new CopyOnWriteArrayList<>())
                        .add(event.payload().path("n").asInt()));
            }
        }
    }

    private UUID publish(String topic, UUID aggregate, int n) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.publish(topic, aggregate, Map.of("n", n)));
    }

    private Object[] outboxRow(UUID eventId) {
        return (Object[]) QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT published_at, attempts FROM outbox_event WHERE id = ?1")
                .setParameter(1, eventId).getSingleResult());
    }

    private double counter(String name, String consumer) {
        Counter counter = meters.find(name).tag("consumer", consumer).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPoisonEventIsDeadLetteredWhileHealthyEventsFlowAndASupervisorCanRetryIt() {
        double deadBefore = counter("continuum.outbox.dead.letters", "test-poison");
        UUID conversation = UUID.randomUUID();
        UUID poison = publish("test.poison", conversation, 0);
        List<UUID> healthyEvents = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            healthyEvents.add(publish("test.healthy", i % 2 == 0 ? conversation : UUID.randomUUID(), i));
        }

        // healthy events, even those of the poison event's own conversation, are not held up by it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(consumers.healthy()).containsAll(healthyEvents).contains(poison));
        // after the budget (3 in tests) the poison consumer's failure is a dead letter, not a silent "published"
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(as("supervisor").get("/api/v1/outbox/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("eventId", String.class)).contains(poison.toString()));
        assertThat(consumers.poisonCalls().get(poison)).isEqualTo(3);
        assertThat(counter("continuum.outbox.dead.letters", "test-poison")).isEqualTo(deadBefore + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxRow(poison)[0] != null);
        relay.relayAll();
        assertThat(consumers.poisonCalls().get(poison)).as("a dead letter is not retried by itself").isEqualTo(3);

        JsonPath deadLetters = as("supervisor").get("/api/v1/outbox/dead-letters").then().extract().jsonPath();
        int index = deadLetters.getList("eventId", String.class).indexOf(poison.toString());
        String deadLetterId = deadLetters.getString("[" + index + "].id");
        assertThat(deadLetters.getString("[" + index + "].consumer")).isEqualTo("test-poison");
        assertThat(deadLetters.getString("[" + index + "].topic")).isEqualTo("test.poison");
        assertThat(deadLetters.getInt("[" + index + "].attempts")).isEqualTo(3);
        assertThat(deadLetters.getString("[" + index + "].lastError")).contains("IllegalStateException");

        as("agent").post("/api/v1/outbox/dead-letters/" + deadLetterId + "/retry").then().statusCode(403);
        consumers.poisonHealed().add(poison);
        as("supervisor").post("/api/v1/outbox/dead-letters/" + deadLetterId + "/retry").then().statusCode(202);
        as("supervisor").post("/api/v1/outbox/dead-letters/" + deadLetterId + "/retry").then().statusCode(409);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(consumers.poisonCalls().get(poison)).isEqualTo(4);
            assertThat(outboxRow(poison)[0]).isNotNull();
        });
        assertThat(as("supervisor").get("/api/v1/outbox/dead-letters").then().extract().jsonPath()
                .getList("eventId", String.class)).doesNotContain(poison.toString());
        assertThat(consumers.healthy().stream().filter(poison::equals)).as("handled once by the healthy consumer").hasSize(1);
    }

    @Test
    void aConsumerThatSucceedsOnItsSecondDeliveryLeavesNoFailureBehind() {
        UUID flaky = publish("test.flaky", UUID.randomUUID(), 0);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(consumers.flakyCalls().get(flaky)).isEqualTo(2);
            assertThat(processed("test-flaky", flaky)).isTrue();
        });
        assertThat(failureRows("test-flaky", flaky)).as("the failure of the first delivery is cleared by the success").isZero();
        relay.relayAll();
        assertThat(consumers.flakyCalls().get(flaky)).as("handled once it succeeded").isEqualTo(2);
    }

    private boolean processed(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager
                .createNativeQuery("SELECT 1 FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getResultList().isEmpty());
    }

    private long failureRows(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_consumer_failure WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).longValue());
    }

    @Test
    void anErrorThrownByAConsumerIsCountedAndBlocksNeitherOtherConsumersNorOtherEvents() {
        double insideBefore = counter("continuum.outbox.consumer.failures", "test-error-inside");
        UUID failing = publish("test.error", UUID.randomUUID(), 0);
        UUID healthy = publish("test.healthy", UUID.randomUUID(), 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(consumers.healthy()).contains(healthy, failing);
            assertThat(consumers.afterTheThrower()).as("observers after the one that threw still get the event").contains(failing);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(as("admin").get("/api/v1/outbox/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + failing + "' }.consumer",
                        String.class))
                .containsExactlyInAnyOrder("test-error-inside", "observer:" + Consumers.class.getName()));
        assertThat(counter("continuum.outbox.consumer.failures", "test-error-inside")).isEqualTo(insideBefore + 3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Object[] row = outboxRow(failing);
            assertThat(row[0]).isNotNull();
            assertThat(((Number) row[1]).intValue()).isEqualTo(3);
        });
        assertThat(consumers.afterTheThrower().stream().filter(failing::equals)).hasSize(1);
    }

    @Test
    void concurrentRelaysDeliverEachConversationsEventsOnceAndInOrder() throws Exception {
        List<UUID> conversations = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        ExecutorService relays = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch writing = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                running.add(relays.submit(() -> {
                    while (writing.getCount() > 0) {
                        relay.relayAll();
                    }
                    relay.relayAll();
                }));
            }
            for (int n = 0; n < 40; n++) {
                int sequence = n;
                // several events per commit, like a conversation change that writes three events at once
                QuarkusTransaction.requiringNew().run(() -> conversations.forEach(c -> outbox.publish("test.ordered", c,
                        Map.of("n", sequence))));
            }
            writing.countDown();
            for (Future<?> relayRun : running) {
                relayRun.get();
            }
        } finally {
            relays.shutdown();
        }
        List<Integer> expected = IntStream.range(0, 40).boxed().toList();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> conversations.forEach(c ->
                assertThat(consumers.sequences().get(c)).containsExactlyElementsOf(expected)));
    }
}
