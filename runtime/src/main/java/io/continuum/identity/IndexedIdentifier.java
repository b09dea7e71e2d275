package io.continuum.identity;

import io.continuum.privacy.BlindIndex;

/** A normalised identifier with its keyed blind index: how the identity graph finds and locks it without its value. */
record IndexedIdentifier(Identifier identifier, String index) {

    static IndexedIdentifier of(Identifier identifier, BlindIndex blindIndex) {
        return new IndexedIdentifier(identifier,
                blindIndex.of(identifier.kind().wireName(), identifier.network(), identifier.value()));
    }

    IdentifierKind kind() {
        return identifier.kind();
    }

    /** Key for the advisory lock that serialises resolutions of this identifier (the database sees no value). */
    String lockKey() {
        return "identifier:" + index;
    }
}
