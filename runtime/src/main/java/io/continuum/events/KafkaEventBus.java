package io.continuum.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox events to Kafka, one topic per event topic, keyed by the aggregate (conversation)
 * id so that one conversation's events share a partition and keep their order. The producer is idempotent and
 * waits for every in-sync replica ({@code acks=all}); {@link #publish} returns only once the broker acknowledged,
 * which is when the relay marks the row published. {@link KafkaConsumerGroup}s deliver to the observers.
 * <p>
 * Plain Kafka clients rather than SmallRye Reactive Messaging channels: channels are declared at build time and
 * connect at start, whereas this bus must exist only when a broker is configured at run time (the embedded
 * default connects to nothing), and the relay needs a synchronous acknowledgement per event to keep the outbox
 * the record of what was published.
 */
@ApplicationScoped
@Typed(KafkaEventBus.class)
public class KafkaEventBus implements EventBus {

    private static final Logger LOG = Logger.getLogger(KafkaEventBus.class);
    /** Longest wait for the broker per event: a broker outage ends a relay round rather than blocking it. */
    private static final int ACK_TIMEOUT_MS = 10_000;

    private final KafkaBusConfig config;
    private final ObjectMapper objectMapper;
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean topicsExist;

    KafkaEventBus(KafkaBusConfig config, ObjectMapper objectMapper) {
        this.config = config;
        this.objectMapper = objectMapper;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "continuum-outbox-relay",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ACK_TIMEOUT_MS / 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    String bootstrapServers() {
        return config.bootstrapServers().orElseThrow();
    }

    @Override
    public void publish(DomainEvent event) {
        ensureTopics();
        byte[] value;
        try {
            value = objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.id() + " cannot be written as JSON", e);
        }
        try {
            producer.send(new ProducerRecord<>(event.topic(), event.aggregateId().toString(), value))
                    .get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new Unavailable("Kafka did not acknowledge event " + event.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while waiting for Kafka to acknowledge event " + event.id(), e);
        }
    }

    /**
     * Creates the missing topics with the configured partitions, once per process (any node may be first; a topic
     * another node just created is fine). Before the first publish and before consumers subscribe: a topic the
     * broker created on its own would get the broker's partition count, and a subscriber would see it late.
     */
    void ensureTopics() {
        if (topicsExist) {
            return;
        }
        synchronized (this) {
            if (topicsExist) {
                return;
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS / 2,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS))) {
                Set<String> existing = admin.listTopics().names().get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                List<NewTopic> missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
                        .map(topic -> new NewTopic(topic, config.partitions(), config.replicationFactor()))
                        .toList();
                for (var created : admin.createTopics(missing).values().entrySet()) {
                    try {
                        created.getValue().get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        LOG.infof("Created Kafka topic %s (%d partitions)", created.getKey(), config.partitions());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                topicsExist = true;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                throw new Unavailable("Could not create the event topics on Kafka", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("Interrupted while creating the event topics on Kafka", e);
            }
        }
    }

    /** Bounded: an event still unacknowledged stays unpublished in the outbox and goes out after the next start. */
    @PreDestroy
    void close() {
        producer.close(Duration.ofMillis(ACK_TIMEOUT_MS));
    }
}
