package io.continuum.consent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * One consent given ({@code granted}) or withdrawn for one purpose, with where it happened and the text the
 * customer was shown. Records are never changed (the table refuses updates): the latest one of a purpose is
 * its current state.
 */
@Entity
public class ConsentRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID customerId;
    public String purpose;
    public boolean granted;
    public String source;
    public String textShown;
    /** The person or integration who recorded it (an agent's user name, the API client), not the customer. */
    public String recordedBy;
    public Instant recordedAt;

    public ConsentPurpose consentPurpose() {
        return ConsentPurpose.fromWire(purpose).orElseThrow();
    }
}
