package io.continuum.connectors.email;

import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import org.apache.camel.LoggingLevel;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/**
 * One polling route per configured mailbox ({@code email-inbound-<name>}). A mail is marked seen
 * only after the sink stored it; a failure leaves it unseen for the next poll.
 */
@ApplicationScoped
public class EmailInboundRoute extends RouteBuilder {

    private final EmailConfig config;
    private final RawMail rawMail;
    private final EmailAdapter adapter;
    private final InboundSink sink;

    EmailInboundRoute(EmailConfig config, RawMail rawMail, EmailAdapter adapter, InboundSink sink) {
        this.config = config;
        this.rawMail = rawMail;
        this.adapter = adapter;
        this.sink = sink;
    }

    @Override
    public void configure() {
        // a mail that can never be stored (no Message-ID, no sender, refused content) is skipped and marked
        // seen instead of failing every poll; other failures leave it unseen for the next poll
        onException(MalformedPayload.class).handled(true).logExhausted(false)
                .log(LoggingLevel.WARN, "Skipped an e-mail that cannot be stored: ${exception.message}");
        for (String mailbox : config.imap().keySet()) {
            String key = "continuum.email.imap." + mailbox + ".";
            from("{{" + key + "protocol}}://{{" + key + "host}}:{{" + key + "port}}"
                    + "?username={{" + key + "username}}&password=RAW({{" + key + "password}})"
                    + "&folderName={{" + key + "folder}}&delay={{" + key + "delay}}"
                    + "&unseen=true&delete=false&peek=true&closeFolder=false&skipFailedMessage=false")
                    .routeId("email-inbound-" + mailbox)
                    .bean(rawMail, "bytes")
                    .bean(adapter, "normalise")
                    .bean(sink, "accept");
        }
    }
}
