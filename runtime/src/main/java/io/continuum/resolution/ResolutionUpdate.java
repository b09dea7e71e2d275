package io.continuum.resolution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** Something every linked customer was told: kind acknowledgement, proactive (per timer tick), engineer, resolved. */
@Entity
public class ResolutionUpdate extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID resolutionId;
    public String kind;
    public int tick;
    public String author;
    public String content;
    public String status;
    public int recipients;
    public Instant createdAt;
}
