package io.continuum.connectors.meta;

/**
 * A Meta messaging platform whose webhooks share one shape ({@code entry[].messaging[]}) and whose replies share
 * the Send API: its channel name, the {@code object} its webhooks carry, and how people call it.
 */
public record MetaPlatform(String channel, String webhookObject, String displayName) {
}
