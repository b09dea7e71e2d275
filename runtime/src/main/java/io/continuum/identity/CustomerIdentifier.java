package io.continuum.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One edge of the identity graph: this identifier belongs to that customer. */
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

    static Optional<CustomerIdentifier> findByIdentifier(Identifier identifier) {
        return find("kind = ?1 and network = ?2 and value = ?3",
                identifier.kind().wireName(), identifier.network(), identifier.value()).firstResultOptional();
    }
}
