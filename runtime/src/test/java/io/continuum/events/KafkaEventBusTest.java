package io.continuum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.support.KafkaBroker;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event bus on a real Kafka broker (in this JVM): relay, consumer groups, outages, redelivery, dead letters. */
@QuarkusTest
@TestProfile(KafkaEventBusTest.OnKafka.class)
class KafkaEventBusTest {

    /**
     * How long a probe event may wait for its first delivery: the relay delivers the oldest events first, and when this
     * profile starts, the hand-off timers that earlier test classes left in the shared database fire and escalate, so
     * their events can be ahead of a probe's (on a slow machine, beyond 30 s).
     */
    private static final Duration BEHIND_EARLIER_BACKLOG = Duration.ofSeconds(120);

    public static class OnKafka implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBroker.Resource.class));
        }
    }

    @Inject
    EventBus bus;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    KafkaConsumerGroups groups;
    @Inject
    IdempotentConsumer idempotent;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    Probe probe;

    /** Consumers of probe events (on a topic no feature of the platform consumes), as the platform's own are. */
    @ApplicationScoped
    static class Probe {
        final Map<UUID, List<Integer>> sequences = new ConcurrentHashMap<>();
        final Map<UUID, Integer> handled = new ConcurrentHashMap<>();
        final Map<UUID, Integer> poisonCalls = new ConcurrentHashMap<>();
        final Map<UUID, Integer> besidePoison = new ConcurrentHashMap<>();
        @Inject
        IdempotentConsumer idempotent;

        void ordered(@Observes DomainEvent event) {
            if (is(event, "ordered")) {
                idempotent.handleOnce("kafka-probe-ordered", event, () -> {
                    sequences.computeIfAbsent(event.aggregateId(), k -> new CopyOnWriteArrayList<>())
                            .add(event.payload().path("n").asInt());
                    handled.merge(event.id(), 1, Integer::sum);
                });
            }
        }

        void poison(@Observes DomainEvent event) {
            if (is(event, "poison")) {
                idempotent.handleOnce("kafka-probe-poison", event, () -> {
                    poisonCalls.merge(event.id(), 1, Integer::sum);
                    throw new IllegalStateException("cannot handle this event");
                });
            }
        }

        void besidePoison(@Observes DomainEvent event) {
            if (is(event, "poison")) {
                idempotent.handleOnce("kafka-probe-beside-poison", event, () -> besidePoison.merge(event.id(), 1, Integer::sum));
            }
        }

        static boolean is(DomainEvent event, String probe) {
            return Topics.CUSTOMER_UPDATED.equals(event.topic()) && probe.equals(event.payload().path("probe").asText());
        }

        // the test reaches the bean through its client proxy: state only through methods
        List<Integer> sequence(UUID aggregate) {
            return sequences.getOrDefault(aggregate, List.of());
        }

        int handled(UUID event) {
            return handled.getOrDefault(event, 0);
        }

        int poisonCalls(UUID event) {
            return poisonCalls.getOrDefault(event, 0);
        }

        int besidePoison(UUID event) {
            return besidePoison.getOrDefault(event, 0);
        }
    }

    @Test
    void aMessagePostedThroughTheApiIsTriagedThroughTheBroker() {
        assertThat(ClientProxy.unwrap(bus)).isInstanceOf(KafkaEventBus.class);

        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("kafka"), null, null, null, null),
                "My card payment failed twice and I was charged both times"));
        String conversationId = accepted.getString("conversationId");

        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("intent") != null);
        UUID received = eventOf(Topics.MESSAGE_RECEIVED, conversationId);
        UUID classified = eventOf(Topics.MESSAGE_CLASSIFIED, conversationId);
        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT count(*) FROM processed_event WHERE consumer = 'first-contact' AND event_id = ?1")
                .setParameter(1, received).getSingleResult())).isEqualTo(1L);

        // both events really went through the broker, keyed by the conversation
        assertThat(eventIds(readTopic(Topics.MESSAGE_RECEIVED), conversationId)).containsExactly(received);
        assertThat(eventIds(readTopic(Topics.MESSAGE_CLASSIFIED), conversationId)).containsExactly(classified);
    }

    @Test
    void aBrokerOutageLosesNothingAndEachEventIsHandledOnceInItsOrder() {
        KafkaBroker broker = KafkaBroker.shared();
        List<UUID> aggregates = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> events = new ArrayList<>();
        UUID before = publish(UUID.randomUUID(), Map.of("probe", "ordered", "n", 0));
        await().atMost(BEHIND_EARLIER_BACKLOG).until(() -> probe.handled(before) == 1);
        broker.stop();
        try {
            for (int n = 0; n < 5; n++) {
                for (UUID aggregate : aggregates) {
                    events.add(publish(aggregate, Map.of("probe", "ordered", "n", n)));
                }
            }
            relay.relayAll();
            // unacknowledged, nothing counts as published, whoever tries
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                    .until(() -> events.stream().noneMatch(this::published));
        } finally {
            long restart = broker.start();
            System.out.printf("Kafka broker restarted in %d ms%n", restart);
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(events).allMatch(this::published);
            assertThat(aggregates).allSatisfy(aggregate -> assertThat(probe.sequence(aggregate)).containsExactly(0, 1, 2, 3, 4));
        });
        assertThat(events).allSatisfy(event -> assertThat(probe.handled(event)).as("handled once").isEqualTo(1));
        List<ConsumerRecord<String, byte[]>> onTopic = readTopic(Topics.CUSTOMER_UPDATED);
        for (UUID aggregate : aggregates) {
            List<UUID> published = events.stream().filter(event -> aggregateOf(event).equals(aggregate)).toList();
            assertThat(eventIds(onTopic, aggregate.toString()).stream().distinct().toList())
                    .as("on the broker in the order they were written").containsExactlyElementsOf(published);
        }
    }

    @Test
    void membersOfOneGroupShareThePartitionsAndARedeliveryIsNotHandledTwice() throws InterruptedException {
        String group = "test-shared-" + UUID.randomUUID();
        Map<UUID, Integer> handled = new ConcurrentHashMap<>();
        Map<UUID, String> handledBy = new ConcurrentHashMap<>();
        Set<UUID> replayed = ConcurrentHashMap.newKeySet();
        KafkaConsumerGroup a = groups.join(group, member(group, "a", handled, handledBy));
        KafkaConsumerGroup b = groups.join(group, member(group, "b", handled, handledBy));
        KafkaConsumerGroup replay = null;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !partitionsOf(a).isEmpty() && !partitionsOf(b).isEmpty());
            assertThat(partitionsOf(a)).doesNotContainAnyElementsOf(partitionsOf(b));
            assertThat(union(partitionsOf(a), partitionsOf(b))).hasSize(6);

            List<UUID> first = publishShared(group, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.keySet().containsAll(first));
            assertThat(Set.copyOf(handledBy.values())).as("both members did part of the work").containsExactlyInAnyOrder("a", "b");

            // b leaves (a node stops or crashes): its partitions move to a, which goes on with them
            b.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> partitionsOf(a).size() == 6);
            List<UUID> second = publishShared(group, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.keySet().containsAll(second));
            assertThat(second).allSatisfy(event -> assertThat(handledBy.get(event)).isEqualTo("a"));

            // everything delivered again (a group reading from the start): the idempotence table drops all of it
            replay = groups.join(group + "-replay", event -> {
                if (Probe.is(event, group)) {
                    replayed.add(event.id());
                }
                member(group, "replay", handled, handledBy).accept(event);
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> replayed.containsAll(first) && replayed.containsAll(second));
            assertThat(handled).hasSize(80).allSatisfy((event, times) -> assertThat(times).as("handled once").isEqualTo(1));
            assertThat(handledBy.values()).doesNotContain("replay");
        } finally {
            a.stop();
            b.stop();
            if (replay != null) {
                replay.stop();
            }
        }
    }

    @Test
    void aPoisonEventEndsInTheDeadLettersAndTheOtherConsumersHandleItOnce() {
        UUID poison = publish(UUID.randomUUID(), Map.of("probe", "poison"));

        await().atMost(BEHIND_EARLIER_BACKLOG).untilAsserted(() -> assertThat(as("supervisor").get("/api/v1/outbox/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + poison + "' }.consumer",
                        String.class)).containsExactly("kafka-probe-poison"));
        // every delivery of the budget (3 in tests) came through the broker again, and the event is then settled
        assertThat(probe.poisonCalls(poison)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(poison));
        assertThat(probe.besidePoison(poison)).isEqualTo(1);
        assertThat(eventIds(readTopic(Topics.CUSTOMER_UPDATED), aggregateOf(poison).toString()))
                .as("relayed again for each retry").hasSize(3).containsOnly(poison);
    }

    private Consumer<DomainEvent> member(String group, String name, Map<UUID, Integer> handled, Map<UUID, String> handledBy) {
        return event -> {
            if (Probe.is(event, group)) {
                idempotent.handleOnce(group, event, () -> {
                    handled.merge(event.id(), 1, Integer::sum);
                    handledBy.put(event.id(), name);
                });
            }
        };
    }

    private List<UUID> publishShared(String group, int count) {
        return IntStream.range(0, count).mapToObj(n -> publish(UUID.randomUUID(), Map.of("probe", group))).toList();
    }

    private Set<TopicPartition> partitionsOf(KafkaConsumerGroup member) {
        Set<TopicPartition> partitions = ConcurrentHashMap.newKeySet();
        member.assignedPartitions().stream().filter(p -> p.topic().equals(Topics.CUSTOMER_UPDATED)).forEach(partitions::add);
        return partitions;
    }

    private static Set<TopicPartition> union(Set<TopicPartition> one, Set<TopicPartition> other) {
        Set<TopicPartition> all = ConcurrentHashMap.newKeySet();
        all.addAll(one);
        all.addAll(other);
        return all;
    }

    private UUID publish(UUID aggregate, Map<String, Object> payload) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.publish(Topics.CUSTOMER_UPDATED, aggregate, payload));
    }

    private boolean published(UUID event) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT published_at FROM outbox_event WHERE id = ?1")
                .setParameter(1, event).getSingleResult()) != null;
    }

    private UUID aggregateOf(UUID event) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) entityManager
                .createNativeQuery("SELECT aggregate_id FROM outbox_event WHERE id = ?1")
                .setParameter(1, event).getSingleResult());
    }

    private UUID eventOf(String topic, String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) entityManager
                .createNativeQuery("SELECT id FROM outbox_event WHERE topic = ?1 AND aggregate_id = ?2")
                .setParameter(1, topic).setParameter(2, UUID.fromString(conversationId)).getSingleResult());
    }

    /** The ids of the events a topic holds under one key, in the order the broker stored them. */
    private List<UUID> eventIds(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).map(record -> {
            try {
                JsonNode value = objectMapper.readTree(record.value());
                return UUID.fromString(value.path("id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Everything the topic holds now, read by a consumer of its own outside any group, partition by partition. */
    private static List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>(reader.endOffsets(partitions));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
                reader.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
