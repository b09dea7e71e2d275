package io.continuum.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Picks the event bus from run-time configuration, so one build serves both the embedded default and a
 * cluster of nodes: the Kafka bus is only created (and only then connects) when bootstrap servers are set.
 */
@ApplicationScoped
class EventBusChoice {

    @Produces
    @ApplicationScoped
    EventBus eventBus(KafkaBusConfig kafka, Instance<InProcessEventBus> inProcess, Instance<KafkaEventBus> onKafka) {
        return kafka.bootstrapServers().isPresent() ? onKafka.get() : inProcess.get();
    }
}
