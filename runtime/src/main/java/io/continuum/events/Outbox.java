package io.continuum.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.platform.DemoHistoryClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Producers' only door to the event bus: the event row is written in the producer's
 * transaction, so an event exists if and only if the change it describes was committed.
 */
@ApplicationScoped
public class Outbox {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Event<OutboxWritten> written;

    Outbox(ObjectMapper objectMapper, Clock clock, Event<OutboxWritten> written) {
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.written = written;
    }

    /** Signals the relay, after commit, that there is something to publish. */
    public record OutboxWritten(UUID eventId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, UUID aggregateId, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.aggregateId = aggregateId;
        event.payload = objectMapper.convertValue(payload, PAYLOAD);
        event.occurredAt = clock.instant();
        // the demo history's events are born published: they describe a past whose consequences its generator writes
        // itself, so no consumer on any node may act on them (triage a month-old message, deliver its replies)
        boolean past = DemoHistoryClock.writingThePast();
        event.publishedAt = past ? event.occurredAt : null;
        event.persist();
        if (!past) {
            written.fire(new OutboxWritten(event.id));
        }
        return event.id;
    }
}
