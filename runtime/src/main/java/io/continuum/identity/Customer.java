package io.continuum.identity;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person or organisation Continuum talks to, whatever the channel. Their name and company are stored
 * sealed under their data key and opened when the row is loaded; change them through {@link #rename} and
 * {@link #changeCompany}.
 */
@Entity
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;
    /** The name, opened; what is stored is {@code sealedDisplayName}. */
    @Transient
    public String displayName;
    @Column(name = "display_name")
    String sealedDisplayName;
    /** The company, opened; what is stored is {@code sealedCompany}. */
    @Transient
    public String company;
    @Column(name = "company")
    String sealedCompany;
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
    /** The language of the customer's latest message in which one was detected (ISO 639-1); null until then. */
    public String language;
    /** Set while this customer is merged into another; cleared by an unmerge. */
    public UUID mergedInto;
    /** Set once the customer is erased: nothing about them is kept but this row's ids and dates. */
    public Instant erasedAt;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    void rename(String name) {
        displayName = name;
        sealedDisplayName = PersonalData.instance().seal(id, name);
    }

    void changeCompany(String name) {
        company = name;
        sealedCompany = PersonalData.instance().seal(id, name);
    }

    @PostLoad
    void open() {
        PersonalData personalData = PersonalData.instance();
        displayName = personalData.open(sealedDisplayName);
        company = personalData.open(sealedCompany);
    }

    public SlaTier slaTier() {
        return SlaTier.fromWire(tier);
    }
}
