package io.continuum.identity;

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

/** Why and how one customer was merged into another; what an unmerge puts back. */
@Entity
public class CustomerMerge extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID survivingId;
    public UUID mergedId;
    public String reason;
    public String identifierKind;
    public String identifierValue;
    public UUID triggeringMessageId;
    public String actor;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "uuid[]")
    public List<UUID> movedIdentifierIds = new ArrayList<>();
    public Instant mergedAt;
    public Instant unmergedAt;
    public String unmergedBy;
}
