package io.continuum.connectors.channel;

/** A send the channel accepted; {@code providerMessageId} is what its later status events name. */
public record DeliveryReceipt(String providerMessageId) {
}
