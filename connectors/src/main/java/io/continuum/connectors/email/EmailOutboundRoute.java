package io.continuum.connectors.email;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/** An {@code OutboundMessage} → one MIME message → the SMTP server; the reply is the Message-ID sent. */
@ApplicationScoped
public class EmailOutboundRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:email-outbound";

    private final EmailComposer composer;

    EmailOutboundRoute(EmailComposer composer) {
        this.composer = composer;
    }

    @Override
    public void configure() {
        // the caller (webhook, socket, delivery) decides what a failure means and logs it once
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId("email-outbound")
                .bean(composer, "compose")
                .to("{{continuum.email.smtp.protocol}}://{{continuum.email.smtp.host}}:{{continuum.email.smtp.port}}"
                        + "?username={{continuum.email.smtp.username:}}&password=RAW({{continuum.email.smtp.password:}})")
                .bean(composer, "receipt");
    }
}
