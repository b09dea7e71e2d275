package io.continuum.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.platform.OrderlyStop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop signal stops the relay between two events, not after the batch it is delivering: a batch of one
 * conversation holds up to a hundred events, and a consumer still running once the node has closed its HTTP server
 * would start a hand-off whose timer this node can no longer schedule.
 */
@QuarkusTest
class OutboxRelayStopTest {

    private static final int EVENTS = 5;

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    Clock clock;
    @Inject
    DeliveryFailures failures;
    @Inject
    OutboxConfig config;

    /** The bus of a relay of its own, which asks that relay to stop when the first event arrives. */
    private static final class StoppedAtTheFirstEvent implements EventBus {
        private final List<UUID> delivered = new CopyOnWriteArrayList<>();
        private OutboxRelay relay;

        @Override
        public void publish(DomainEvent event) {
            delivered.add(event.id());
            try {
                relay.onStopRequested(OrderlyStop.StopRequested.within("TERM", Duration.ofSeconds(25)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Written as rows, not through {@link Outbox}: the node's own relay is not told, so this test's relay finds them
     * first (unless the node's one-second sweep comes in between and relays them, which the caller tries again for).
     */
    private List<UUID> writeEvents(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                OutboxEvent event = new OutboxEvent();
                event.id = UUID.randomUUID();
                event.topic = "test.stop";
                event.aggregateId = aggregate;
                event.payload = Map.of("step", i);
                event.occurredAt = clock.instant().plusMillis(i);
                event.persist();
                ids.add(event.id);
            }
            return ids;
        });
    }

    private boolean published(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.find(OutboxEvent.class, eventId).publishedAt != null);
    }

    @Test
    void aStopDuringABatchEndsItAfterTheEventInHandAndRecordsThatOne() {
        for (int attempt = 1; ; attempt++) {
            UUID aggregate = UUID.randomUUID();
            StoppedAtTheFirstEvent bus = new StoppedAtTheFirstEvent();
            OutboxRelay relay = new OutboxRelay(entityManager, bus, objectMapper, clock, failures, config);
            bus.relay = relay;
            List<UUID> events = writeEvents(aggregate);

            relay.relayAggregate(aggregate);

            if (bus.delivered.isEmpty() && attempt < 3) {
                continue;
            }
            assertThat(bus.delivered).containsExactly(events.get(0));
            assertThat(published(events.get(0))).as("the delivered event is recorded before the relay stops").isTrue();
            return;
        }
    }
}
