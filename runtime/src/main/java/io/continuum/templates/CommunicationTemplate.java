package io.continuum.templates;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;

/** A customer-facing text with {{placeholders}}, one row per name and language. */
@Entity
@IdClass(CommunicationTemplate.Key.class)
public class CommunicationTemplate extends PanacheEntityBase {

    @Id
    public String name;
    @Id
    public String language;
    public String body;
    public String updatedBy;
    public Instant updatedAt;

    public record Key(String name, String language) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
