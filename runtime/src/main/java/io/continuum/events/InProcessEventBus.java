package io.continuum.events;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** Delivers events to CDI observers of {@link DomainEvent} in this JVM. */
@ApplicationScoped
@DefaultBean
public class InProcessEventBus implements EventBus {

    private final Event<DomainEvent> observers;

    InProcessEventBus(Event<DomainEvent> observers) {
        this.observers = observers;
    }

    @Override
    public void publish(DomainEvent event) {
        observers.fire(event);
    }
}
