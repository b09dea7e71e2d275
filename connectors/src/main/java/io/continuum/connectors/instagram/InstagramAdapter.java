package io.continuum.connectors.instagram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.meta.MetaMessagingAdapter;
import io.continuum.connectors.meta.MetaPlatform;
import io.continuum.connectors.meta.MetaSendApi;
import jakarta.inject.Singleton;

/**
 * Instagram direct messages (Messenger API for Instagram): {@code "object": "instagram"} webhooks in, the Send API out.
 * A singleton, not application-scoped: its base class is built with its platform, so it cannot be proxied.
 */
@Singleton
public class InstagramAdapter extends MetaMessagingAdapter {

    public static final MetaPlatform PLATFORM = new MetaPlatform(Channels.INSTAGRAM, "instagram", "Instagram");

    InstagramAdapter(MetaSendApi sendApi, ChannelLimits limits, ObjectMapper json) {
        super(PLATFORM, sendApi, limits, json);
    }
}
