package io.continuum.identity;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One edge of the identity graph: this identifier belongs to that customer ({@code verified}: a
 * channel vouched for it), or that customer only claims it (not verified: typed into a widget).
 * A verified identifier belongs to one customer; claims of it may be many. The value is stored sealed
 * under the data key of the customer first known by it (a merge moves the row, the key id travels with
 * the value); it is found by its keyed blind index, never by the value.
 */
@Entity
public class CustomerIdentifier extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID customerId;
    public String kind;
    public String network;
    /** The normalised value, opened; what is stored is {@code sealedValue}. */
    @Transient
    public String value;
    @Column(name = "value")
    String sealedValue;
    /** The blind index of (kind, network, value): what look-ups and the uniqueness of verified identifiers use. */
    String valueIndex;
    public boolean verified;
    public Instant createdAt;

    static CustomerIdentifier of(UUID customerId, IndexedIdentifier identifier, boolean verified, Instant now) {
        CustomerIdentifier edge = new CustomerIdentifier();
        edge.id = UUID.randomUUID();
        edge.customerId = customerId;
        edge.kind = identifier.identifier().kind().wireName();
        edge.network = identifier.identifier().network();
        edge.seal(identifier);
        edge.verified = verified;
        edge.createdAt = now;
        return edge;
    }

    /** Stores the value sealed under the data key of the customer this edge belongs to now, with its index. */
    void seal(IndexedIdentifier identifier) {
        value = identifier.identifier().value();
        sealedValue = PersonalData.instance().seal(customerId, value);
        valueIndex = identifier.index();
    }

    public Identifier identifier() {
        return new Identifier(IdentifierKind.fromWire(kind), network, value);
    }

    @PostLoad
    void open() {
        value = PersonalData.instance().open(sealedValue);
    }

    static Optional<CustomerIdentifier> findVerified(IndexedIdentifier identifier) {
        return find("kind = ?1 and network = ?2 and valueIndex = ?3 and verified = true",
                identifier.identifier().kind().wireName(), identifier.identifier().network(), identifier.index())
                .firstResultOptional();
    }

    static Optional<CustomerIdentifier> findClaim(UUID customerId, IndexedIdentifier identifier) {
        return find("customerId = ?1 and kind = ?2 and network = ?3 and valueIndex = ?4 and verified = false", customerId,
                identifier.identifier().kind().wireName(), identifier.identifier().network(), identifier.index())
                .firstResultOptional();
    }
}
