package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A resolved conversation gives its agent's slot back, and routing offers that agent the next one. */
@ApplicationScoped
class AssignmentRelease {

    private final Assignments assignments;
    private final RoutingEngine routing;
    private final IdempotentConsumer idempotent;
    private final ManagedExecutor executor;

    AssignmentRelease(Assignments assignments, RoutingEngine routing, IdempotentConsumer idempotent, ManagedExecutor executor) {
        this.assignments = assignments;
        this.routing = routing;
        this.idempotent = idempotent;
        this.executor = executor;
    }

    void onStateChanged(@Observes DomainEvent event) {
        if (!Topics.CONVERSATION_STATE_CHANGED.equals(event.topic()) || !"resolved".equals(event.payload().path("to").asText())) {
            return;
        }
        UUID conversationId = UUID.fromString(event.payload().path("conversationId").asText());
        AtomicReference<Optional<UUID>> freed = new AtomicReference<>(Optional.empty());
        idempotent.handleOnce("routing-release", event,
                () -> freed.set(assignments.release(conversationId, Actor.system("routing"))));
        freed.get().ifPresent(agentId -> executor.execute(() -> routing.fillCapacity(agentId)));
    }
}
