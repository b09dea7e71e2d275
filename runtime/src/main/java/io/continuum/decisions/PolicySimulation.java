package io.continuum.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A what-if run: recent decisions replayed through a version, and how many outcomes would change. */
@Entity
public class PolicySimulation extends PanacheEntityBase {

    @Id
    public UUID id;
    public String policyName;
    public int policyVersion;
    public String status;
    public Instant since;
    public int sampleLimit;
    public int total;
    public int processed;
    public int changed;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> report;
    public String startedBy;
    public Instant startedAt;
    public Instant finishedAt;
}
