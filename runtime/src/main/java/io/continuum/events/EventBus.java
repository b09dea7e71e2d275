package io.continuum.events;

/**
 * Where the outbox relay hands committed events. In-process by default; a Kafka
 * implementation replaces it without touching producers or consumers.
 */
public interface EventBus {

    void publish(DomainEvent event);
}
