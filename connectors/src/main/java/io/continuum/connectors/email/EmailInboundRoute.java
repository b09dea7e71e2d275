package io.continuum.connectors.email;

import io.continuum.connectors.channel.InboundSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/**
 * One polling route per configured mailbox ({@code email-inbound-<name>}). Camel does not map the
 * mail (its headers, body and attachments, which a broken mail or the server's idea of its structure
 * can make fail for the whole poll): each mail is fetched as raw bytes and read by our adapter. A mail
 * that cannot become a message is quarantined by the sink, so it is stored and marked seen like any
 * other; only a failure a later poll can cure (the database unreachable) leaves it unseen, and the
 * mails after it are processed all the same.
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
        for (String mailbox : config.imap().keySet()) {
            String key = "continuum.email.imap." + mailbox + ".";
            from("{{" + key + "protocol}}://{{" + key + "host}}:{{" + key + "port}}"
                    + "?username={{" + key + "username}}&password=RAW({{" + key + "password}})"
                    + "&folderName={{" + key + "folder}}&delay={{" + key + "delay}}"
                    + "&unseen=true&delete=false&peek=true&closeFolder=false&skipFailedMessage=false&mapMailMessage=false")
                    .routeId("email-inbound-" + mailbox)
                    .bean(rawMail, "fetch")
                    .bean(adapter, "normaliseFetched")
                    .bean(sink, "accept");
        }
    }
}
