package io.continuum.events;

/**
 * Where the outbox relay hands committed events: to the consumers in this process
 * (CDI observers of {@link DomainEvent}).
 */
public interface EventBus {

    void publish(DomainEvent event);
}
