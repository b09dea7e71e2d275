package io.continuum.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
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
        event.persist();
        written.fire(new OutboxWritten(event.id));
        return event.id;
    }

    /**
     * Marks the still unpublished events of these aggregates published without delivering them. For the demo
     * history only: its events describe a past whose consequences its generator wrote itself, so no consumer may
     * act on them now (triage a month-old message, start its SLA clocks, deliver its replies, survey it again).
     * @return how many events were retired
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int retireDemoHistory(Collection<UUID> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return 0;
        }
        return OutboxEvent.update("publishedAt = ?1 where aggregateId in ?2 and publishedAt is null", clock.instant(),
                aggregateIds);
    }
}
