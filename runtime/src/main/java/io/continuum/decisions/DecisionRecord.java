package io.continuum.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One automated decision: what went in, what came out, which rows or rules fired, which version, how long. */
@Entity
@Table(name = "decision_log")
public class DecisionRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String policyName;
    public int policyVersion;
    public UUID conversationId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> inputs;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> outputs;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Map<String, Object>> fired;
    public long durationMicros;
    public Instant evaluatedAt;
}
