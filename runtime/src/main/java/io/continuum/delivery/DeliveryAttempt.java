package io.continuum.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One call to a channel, recorded before the call; {@code outcome} null means the call's end was never seen. */
@Entity
@IdClass(DeliveryAttempt.Key.class)
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    public UUID deliveryId;
    @Id
    public int attempt;
    public String channel;
    public Instant startedAt;
    public Instant finishedAt;
    public String outcome;
    public String detail;

    public static class Key implements Serializable {
        public UUID deliveryId;
        public int attempt;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.attempt == attempt && java.util.Objects.equals(key.deliveryId, deliveryId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(deliveryId, attempt);
        }
    }
}
