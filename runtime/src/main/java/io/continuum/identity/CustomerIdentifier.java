package io.continuum.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One edge of the identity graph: this identifier belongs to that customer ({@code verified}: a
 * channel vouched for it), or that customer only claims it (not verified: typed into a widget).
 * A verified identifier belongs to one customer; claims of it may be many.
 */
@Entity
public class CustomerIdentifier extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID customerId;
    public String kind;
    public String network;
    public String value;
    public boolean verified;
    public Instant createdAt;

    public Identifier identifier() {
        return new Identifier(IdentifierKind.fromWire(kind), network, value);
    }

    static Optional<CustomerIdentifier> findVerified(Identifier identifier) {
        return find("kind = ?1 and network = ?2 and value = ?3 and verified = true",
                identifier.kind().wireName(), identifier.network(), identifier.value()).firstResultOptional();
    }

    static Optional<CustomerIdentifier> findClaim(UUID customerId, Identifier identifier) {
        return find("customerId = ?1 and kind = ?2 and network = ?3 and value = ?4 and verified = false", customerId,
                identifier.kind().wireName(), identifier.network(), identifier.value()).firstResultOptional();
    }
}
