package io.continuum.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One version of a policy: its exact source text, who wrote it, and where it is in its life. */
@Entity
@IdClass(PolicyVersion.Key.class)
public class PolicyVersion extends PanacheEntityBase {

    @Id
    public String policyName;
    @Id
    public int version;
    public String status;
    public String source;
    public String author;
    public String comment;
    /** Warnings found while validating (errors prevent a version from being stored at all). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Map<String, Object>> validation = new ArrayList<>();
    public Instant createdAt;
    public Instant publishedAt;
    public String publishedBy;
    /** The second person who approved the publication, when the policy requires one. */
    public String approvedBy;
    public Instant retiredAt;

    public static class Key implements Serializable {
        public String policyName;
        public int version;

        public Key() {
        }

        public Key(String policyName, int version) {
            this.policyName = policyName;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && Objects.equals(key.policyName, policyName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyName, version);
        }
    }
}
