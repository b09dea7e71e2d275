package io.continuum.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person or organisation Continuum talks to, whatever the channel. */
@Entity
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;
    public String displayName;
    public String company;
    public String tier = SlaTier.STANDARD.wireName();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> segments = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> riskFlags = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> metadata = new HashMap<>();
    /** Known only by a device (e.g. a web-chat visitor who has not said who they are). */
    public boolean anonymous;
    /** Set while this customer is merged into another; cleared by an unmerge. */
    public UUID mergedInto;
    /** Set once the customer is erased: nothing about them is kept but this row's ids and dates. */
    public Instant erasedAt;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    public SlaTier slaTier() {
        return SlaTier.fromWire(tier);
    }
}
