package io.continuum.events;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events a consumer failed on during the delivery in progress. Consumers run synchronously on the
 * relay's thread, so the relay learns of a failure right after it published the event and
 * schedules the event again instead of marking it delivered.
 */
@ApplicationScoped
public class DeliveryFailures {

    private final Set<UUID> failed = ConcurrentHashMap.newKeySet();

    void failed(UUID eventId) {
        failed.add(eventId);
    }

    boolean takeFailure(UUID eventId) {
        return failed.remove(eventId);
    }
}
