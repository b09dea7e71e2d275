package io.continuum.resolution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A conversation a Resolution serves, and the channel its customer hears from us on. */
@Entity
@IdClass(ResolutionLink.Key.class)
public class ResolutionLink extends PanacheEntityBase {

    @Id
    public UUID resolutionId;
    @Id
    public UUID conversationId;
    public String continuationChannel;
    public String language;
    public String linkedBy;
    public Instant linkedAt;
    public Instant unlinkedAt;

    public record Key(UUID resolutionId, UUID conversationId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
