package io.continuum.connectors.messenger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.meta.MetaMessagingAdapter;
import io.continuum.connectors.meta.MetaPlatform;
import io.continuum.connectors.meta.MetaSendApi;
import jakarta.inject.Singleton;

/**
 * Facebook Messenger: Page webhooks ({@code "object": "page"}) in, the Send API out.
 * A singleton, not application-scoped: its base class is built with its platform, so it cannot be proxied.
 */
@Singleton
public class MessengerAdapter extends MetaMessagingAdapter {

    public static final MetaPlatform PLATFORM = new MetaPlatform(Channels.MESSENGER, "page", "Messenger");

    MessengerAdapter(MetaSendApi sendApi, ChannelLimits limits, ObjectMapper json) {
        super(PLATFORM, sendApi, limits, json);
    }
}
