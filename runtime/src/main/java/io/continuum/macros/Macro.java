package io.continuum.macros;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An agent's canned reply: a text with placeholders ({@code {{customer.name}}}) and what else applying it does
 * (tags on the customer, a state change). Private to its owner, or shared with every agent.
 */
@Entity
public class Macro extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String body;
    public boolean shared;
    /** The user name of who created it; a private macro is visible to them alone. */
    public String owner;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> addTags = new ArrayList<>();
    /** The conversation state applying it moves to (legal transitions only), or null. */
    public String changeState;
    public long usageCount;
    public Instant lastUsedAt;
    public Instant createdAt;
    public Instant updatedAt;

    /** Whether this user sees (and may apply) it. */
    boolean visibleTo(String username) {
        return shared || owner.equals(username);
    }

    /**
     * Whether this user may change or delete it: the owner a private one; a supervisor or admin
     * ({@code managesShared}) a shared one.
     */
    boolean editableBy(String username, boolean managesShared) {
        return shared ? managesShared : owner.equals(username);
    }
}
