package io.continuum.resolution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

@Entity
public class ResolutionStatusChange extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID resolutionId;
    public String fromStatus;
    public String toStatus;
    public String actor;
    public Instant changedAt;
}
