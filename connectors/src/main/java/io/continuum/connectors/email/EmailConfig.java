package io.continuum.connectors.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Mailboxes in ({@code continuum.email.imap.<name>.*}, polled, one route each) and the SMTP
 * server replies leave by ({@code continuum.email.smtp.*}).
 */
@ConfigMapping(prefix = "continuum.email")
public interface EmailConfig {

    /** Polled mailboxes by name; none configured means no inbound e-mail. */
    Map<String, Mailbox> imap();

    Smtp smtp();

    /**
     * Largest mail read whole (bytes). A larger one is read up to this size, stored as a message with a
     * note saying so, and its original is not kept.
     */
    @WithDefault("26214400")
    long maxRawBytes();

    interface Mailbox {
        /** imap or imaps */
        @WithDefault("imaps")
        String protocol();

        String host();

        int port();

        String username();

        String password();

        @WithDefault("INBOX")
        String folder();

        /** Milliseconds between polls. */
        @WithDefault("30000")
        long delay();
    }

    interface Smtp {
        /** smtp or smtps */
        @WithDefault("smtps")
        String protocol();

        @WithDefault("localhost")
        String host();

        @WithDefault("465")
        int port();

        Optional<String> username();

        Optional<String> password();

        /** The address replies come from, e.g. {@code Support <support@example.com>}. */
        @WithDefault("support@localhost")
        String from();

        /** The domain part of the Message-IDs we generate. */
        @WithDefault("continuum.local")
        String messageIdDomain();
    }
}
