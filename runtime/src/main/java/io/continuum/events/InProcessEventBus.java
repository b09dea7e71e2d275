package io.continuum.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Delivers events to CDI observers of {@link DomainEvent} in this JVM, one observer at a time:
 * an observer that throws (outside {@link IdempotentConsumer}, or an {@link Error}) is counted as a
 * failed consumer of its own and does not keep the observers after it from the event, as a plain
 * {@code Event.fire} would.
 */
@ApplicationScoped
@Typed(InProcessEventBus.class)
public class InProcessEventBus implements EventBus {

    private final BeanManager beanManager;
    private final DeliveryFailures failures;

    InProcessEventBus(BeanManager beanManager, DeliveryFailures failures) {
        this.beanManager = beanManager;
        this.failures = failures;
    }

    @Override
    public void publish(DomainEvent event) {
        for (ObserverMethod<? super DomainEvent> observer : beanManager.resolveObserverMethods(event)) {
            notify(observer, event, failures);
        }
    }

    /**
     * Hands the event to one observer; what it throws outside {@link IdempotentConsumer} counts as the failure
     * of a consumer named after the observer's bean, the same on either bus.
     */
    static void notify(ObserverMethod<? super DomainEvent> observer, DomainEvent event, DeliveryFailures failures) {
        try {
            @SuppressWarnings("unchecked")
            ObserverMethod<DomainEvent> ofDomainEvents = (ObserverMethod<DomainEvent>) observer;
            ofDomainEvents.notify(new Delivered(event));
        } catch (Throwable e) {
            failures.failed("observer:" + observer.getBeanClass().getName(), event, e);
        }
    }

    private record Delivered(DomainEvent event) implements EventContext<DomainEvent>, EventMetadata {

        @Override
        public DomainEvent getEvent() {
            return event;
        }

        @Override
        public EventMetadata getMetadata() {
            return this;
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of();
        }

        @Override
        public InjectionPoint getInjectionPoint() {
            return null;
        }

        @Override
        public Type getType() {
            return DomainEvent.class;
        }
    }
}
