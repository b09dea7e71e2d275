package io.continuum.identity;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Why and how one customer was merged into another; what an unmerge puts back. The reason names the
 * identifier that matched by its blind index; its value is kept sealed under the surviving customer's key.
 */
@Entity
public class CustomerMerge extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID survivingId;
    public UUID mergedId;
    public String reason;
    public String identifierKind;
    /** The value of the identifier that matched, opened; what is stored is {@code sealedIdentifierValue}. */
    @Transient
    public String identifierValue;
    @Column(name = "identifier_value")
    String sealedIdentifierValue;
    public UUID triggeringMessageId;
    public String actor;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "uuid[]")
    public List<UUID> movedIdentifierIds = new ArrayList<>();
    public Instant mergedAt;
    public Instant unmergedAt;
    public String unmergedBy;

    void matchedOn(Identifier identifier) {
        identifierKind = identifier.kind().wireName();
        identifierValue = identifier.value();
        sealMatchedValue();
    }

    void sealMatchedValue() {
        sealedIdentifierValue = PersonalData.instance().seal(survivingId, identifierValue);
    }

    @PostLoad
    void open() {
        identifierValue = PersonalData.instance().open(sealedIdentifierValue);
    }
}
