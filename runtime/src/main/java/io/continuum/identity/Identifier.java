package io.continuum.identity;

/**
 * A normalised identifier: e-mail lower-cased, phone in E.164, social id scoped to its
 * network. Two identifiers are the same person's when they are equal.
 */
public record Identifier(IdentifierKind kind, String network, String value) {

    public Identifier {
        network = network == null ? "" : network;
    }
}
