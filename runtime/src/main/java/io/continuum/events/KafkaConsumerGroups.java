package io.continuum.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.platform.OrderlyStop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * On the Kafka bus, this node's members of the consumer groups: one group per observer of {@link DomainEvent}
 * (the logical consumers the in-process bus calls one after the other), named after the observer's bean so every
 * node joins the same groups. Started once HTTP is listening, for the reason the relay waits too (consumers
 * schedule timers through this node's own endpoint); stopped at shutdown before the datasource closes.
 */
@ApplicationScoped
class KafkaConsumerGroups {

    private static final Logger LOG = Logger.getLogger(KafkaConsumerGroups.class);
    /** How long a stop waits for the records in hand, within the stop's budget. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final KafkaBusConfig config;
    private final Instance<KafkaEventBus> bus;
    private final BeanManager beanManager;
    private final ObjectMapper objectMapper;
    private final DeliveryFailures failures;
    private final OutboxRelay relay;
    private final List<KafkaConsumerGroup> members = new ArrayList<>();

    KafkaConsumerGroups(KafkaBusConfig config, Instance<KafkaEventBus> bus, BeanManager beanManager,
                        ObjectMapper objectMapper, DeliveryFailures failures, OutboxRelay relay) {
        this.config = config;
        this.bus = bus;
        this.beanManager = beanManager;
        this.objectMapper = objectMapper;
        this.failures = failures;
        this.relay = relay;
    }

    synchronized void start(@ObservesAsync HttpServerStart listening) {
        if (config.bootstrapServers().isEmpty() || !members.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ObserverMethod<? super DomainEvent>> observer : observersByGroup().entrySet()) {
            KafkaConsumerGroup member = join(observer.getKey(),
                    event -> InProcessEventBus.notify(observer.getValue(), event, failures));
            members.add(member);
        }
        LOG.infof("Joining %d Kafka consumer groups at %s", members.size(), bus.get().bootstrapServers());
    }

    /** Starts this node's member of a consumer group that delivers to {@code observer}. */
    KafkaConsumerGroup join(String groupId, Consumer<DomainEvent> observer) {
        KafkaConsumerGroup member = new KafkaConsumerGroup(bus.get(), groupId, observer, objectMapper, failures, relay);
        member.start();
        return member;
    }

    /**
     * Group ids from the observer's bean class; a bean observing twice numbers its observers in the order the
     * container resolves them, which is fixed by the build, so every node of one build agrees.
     */
    private Map<String, ObserverMethod<? super DomainEvent>> observersByGroup() {
        DomainEvent anyEvent = new DomainEvent(UUID.randomUUID(), Topics.MESSAGE_RECEIVED, UUID.randomUUID(),
                objectMapper.createObjectNode(), Instant.EPOCH);
        Map<String, Integer> perBean = new HashMap<>();
        Map<String, ObserverMethod<? super DomainEvent>> groups = new LinkedHashMap<>();
        for (ObserverMethod<? super DomainEvent> observer : beanManager.resolveObserverMethods(anyEvent)) {
            String bean = "continuum." + observer.getBeanClass().getName();
            int seen = perBean.merge(bean, 1, Integer::sum);
            groups.put(seen == 1 ? bean : bean + "#" + seen, observer);
        }
        return groups;
    }

    /** A stop signal: the consumers stop before Quarkus closes the HTTP server, as the outbox relay does. */
    void onStopRequested(@Observes OrderlyStop.StopRequested requested) throws InterruptedException {
        stop(requested);
    }

    void onShutdown(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stop(OrderlyStop.StopRequested.within("shutdown", STOP_WAIT));
    }

    /** Every member is told first, so that they finish their records side by side within the stop's budget. */
    private synchronized void stop(OrderlyStop.StopRequested requested) throws InterruptedException {
        for (KafkaConsumerGroup member : members) {
            member.requestStop();
        }
        for (KafkaConsumerGroup member : members) {
            member.awaitStopped(requested.timeLeft(STOP_WAIT));
        }
        members.clear();
    }
}
