package io.continuum.connectors.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/** An {@code OutboundMessage} → one Graph API call; the receipt (provider message id) is the reply. */
@ApplicationScoped
public class WhatsAppOutboundRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:whatsapp-outbound";

    private final WhatsAppGraphClient graph;

    WhatsAppOutboundRoute(WhatsAppGraphClient graph) {
        this.graph = graph;
    }

    @Override
    public void configure() {
        // the caller (webhook, socket, delivery) decides what a failure means and logs it once
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId("whatsapp-outbound")
                .bean(graph, "send");
    }
}
