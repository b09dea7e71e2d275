package io.continuum.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node's member of one logical consumer's Kafka consumer group: every node runs one per observer, so the
 * nodes share the topics' partitions and each event reaches one member. Records of a partition are handled in
 * order; the offset is committed only after the handling committed its own transaction, so a crash or a
 * rebalance delivers the rest again and {@link IdempotentConsumer} drops what was already done. A consumer
 * that failed on an event has it relayed again with backoff through the outbox (the in-process bus's retry
 * path), until {@link DeliveryFailures} makes it a dead letter; if even that request cannot be written (the
 * database is down), the offset stays and the record is read again.
 */
final class KafkaConsumerGroup {

    private static final Logger LOG = Logger.getLogger(KafkaConsumerGroup.class);
    /** Few records per poll: handlers run decisions and processes, and a slow batch must not outlast the poll interval. */
    private static final int MAX_POLL_RECORDS = 50;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    /** Wait before trying again what Kafka or the database refused. */
    private static final Duration RETRY_WAIT = Duration.ofSeconds(1);

    private final KafkaEventBus bus;
    private final String groupId;
    private final Consumer<DomainEvent> observer;
    private final ObjectMapper objectMapper;
    private final DeliveryFailures failures;
    private final OutboxRelay relay;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param groupId  the logical consumer's group, the same on every node
     * @param observer delivers one event to the logical consumer, which records its own failures
     */
    KafkaConsumerGroup(KafkaEventBus bus, String groupId, Consumer<DomainEvent> observer, ObjectMapper objectMapper,
                       DeliveryFailures failures, OutboxRelay relay) {
        this.bus = bus;
        this.groupId = groupId;
        this.observer = observer;
        this.objectMapper = objectMapper;
        this.failures = failures;
        this.relay = relay;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a group's first start reads what is already there: events relayed before it joined are not lost
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                // a node killed without leaving its groups hands its partitions over after 10 s, not the default 45
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "kafka-consumer-" + groupId);
    }

    void start() {
        thread.start();
    }

    /** Stops after the record being handled; what was not committed is delivered again to the group. */
    void stop() throws InterruptedException {
        requestStop();
        awaitStopped(Duration.ofSeconds(30));
    }

    void requestStop() {
        stopped.countDown();
        consumer.wakeup();
    }

    /** Waits for the record being handled, at most {@code patience}: a record cut off is delivered again. */
    void awaitStopped(Duration patience) throws InterruptedException {
        thread.join(Math.max(1, patience.toMillis()));
    }

    String groupId() {
        return groupId;
    }

    /** The partitions this member holds now. */
    Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    private void run() {
        try (consumer) {
            awaitTopics();
            consumer.subscribe(Topics.ALL, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.addAll(partitions);
                    LOG.debugf("Consumer group %s: this node now also reads %s", groupId, partitions);
                }
            });
            while (stopped.getCount() > 0) {
                try {
                    if (!handle(consumer.poll(POLL_TIMEOUT))) {
                        stopped.await(RETRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    // a poll or commit Kafka refused (broker away, group rebalanced meanwhile): every record read was
                    // handled, and one whose offset did not commit comes again to whichever member holds its partition
                    LOG.warnf("Consumer group %s: %s; going on", groupId, e.getClass().getName());
                    stopped.await(RETRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException stopping) {
            // stop() came while the consumer was joining
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A subscriber would notice topics created after it subscribed only at its next metadata refresh, minutes later. */
    private void awaitTopics() throws InterruptedException {
        while (stopped.getCount() > 0) {
            try {
                bus.ensureTopics();
                return;
            } catch (EventBus.Unavailable e) {
                LOG.warnf("Consumer group %s waits for Kafka: %s", groupId, e.getMessage());
                stopped.await(RETRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Handles the records in order and commits the offsets of those done; returns false if one could not be
     * settled, after rewinding every partition to its first record not done.
     */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean settled = true;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (stopped.getCount() == 0 || !settle(record)) {
                settled = false;
                break;
            }
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (!settled) {
            for (TopicPartition partition : records.partitions()) {
                OffsetAndMetadata next = done.get(partition);
                consumer.seek(partition, next != null ? next.offset() : records.records(partition).get(0).offset());
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return settled;
    }

    /** Delivers one record; true once its outcome is durable (handled, given up on, or to be relayed again). */
    private boolean settle(ConsumerRecord<String, byte[]> record) {
        DomainEvent event;
        try {
            event = objectMapper.readValue(record.value(), DomainEvent.class);
        } catch (IOException e) {
            // only the outbox relay writes these topics: a record that is no event cannot be retried into one
            LOG.errorf("Consumer group %s skips record %s-%d@%d: not an event (%s)", groupId, record.topic(),
                    record.partition(), record.offset(), e.getClass().getName());
            return true;
        }
        observer.accept(event);
        if (failures.takeRetryWanted(event.id())) {
            try {
                relay.deliverAgainLater(event);
            } catch (RuntimeException e) {
                // the observer runs again on this record: what it finished is skipped, what failed is tried again
                LOG.warnf("Consumer group %s could not have event %s relayed again (%s); reading it again",
                        groupId, event.id(), e.getClass().getName());
                return false;
            }
        }
        return true;
    }
}
