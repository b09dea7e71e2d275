package io.continuum.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Entity
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;
    public String topic;
    public UUID aggregateId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> payload;
    public Instant occurredAt;
    public Instant publishedAt;
    public int attempts;
    public Instant nextAttemptAt;
}
