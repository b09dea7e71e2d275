package io.continuum.resolution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** An internal note: never shown to customers. Source "api" or "slack" (externalId = the Slack message ts). */
@Entity
public class ResolutionNote extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID resolutionId;
    public String author;
    public String content;
    public String source;
    public String externalId;
    public Instant createdAt;
}
