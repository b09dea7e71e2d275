package io.continuum.decisions;

import io.continuum.privacy.SealedJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One automated decision: what went in, what came out, which rows or rules fired, which version, how long.
 * Outputs stay readable after the customer's erasure, so a shell's outcomes still count. Written once, by
 * {@link DecisionService} with a statement of its own, and never changed through the session (erasure blanks
 * inputs with a statement of its own), hence immutable: Hibernate then keeps no snapshot of the JSON maps of the
 * records it loads, whose deep comparison found them changed at every flush and wrote the row again each time.
 */
@Entity
@Immutable
@Table(name = "decision_log")
public class DecisionRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String policyName;
    public int policyVersion;
    public UUID conversationId;
    /** What went in, opened; empty once the customer of the conversation is erased ({@link #inputsErased}). */
    @Transient
    public Map<String, Object> inputs;
    @Transient
    public boolean inputsErased;
    /** Inputs quote the customer (the classifier's text, the last message): sealed when the decision is about a conversation. */
    @Column(name = "inputs")
    String storedInputs;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> outputs;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Map<String, Object>> fired;
    public long durationMicros;
    public Instant evaluatedAt;

    @PostLoad
    void openInputs() {
        Optional<Map<String, Object>> opened = SealedJson.instance().open(storedInputs);
        inputs = opened.orElseGet(Map::of);
        inputsErased = opened.isEmpty();
    }
}
