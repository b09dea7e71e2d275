package io.continuum.delivery;

import io.continuum.connectors.channel.ChannelAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/** Every channel adapter on the class path, found through CDI; a new channel is a new bean, nothing else. */
@ApplicationScoped
public class ChannelAdapters {

    private final Instance<ChannelAdapter<?>> adapters;

    ChannelAdapters(@Any Instance<ChannelAdapter<?>> adapters) {
        this.adapters = adapters;
    }

    @SuppressWarnings("unchecked")
    public Optional<ChannelAdapter<Object>> forChannel(String channel) {
        return adapters.stream().filter(adapter -> adapter.channel().equals(channel))
                .map(adapter -> (ChannelAdapter<Object>) adapter).findFirst();
    }
}
