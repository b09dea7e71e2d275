package io.continuum.workspace;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** An inbox filter a person named and kept; only its owner sees it. */
@Entity
@Table(name = "inbox_saved_view")
public class SavedView extends PanacheEntityBase {

    @Id
    public UUID id;
    public String owner;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public InboxFilter filter;
    public Instant createdAt;
}
