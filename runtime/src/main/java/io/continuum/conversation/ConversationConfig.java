package io.continuum.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "continuum.conversation")
public interface ConversationConfig {

    /**
     * How long after resolution a new customer message reopens the conversation; later messages
     * start a new conversation linked to it.
     */
    @WithDefault("P7D")
    Duration reopenWindow();

    /** Longest message text accepted, in characters; longer content is refused with 413. */
    @WithDefault("65536")
    int maxContentLength();
}
