package io.continuum.connectors.whatsapp;

import io.continuum.connectors.channel.InboundSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/** A verified webhook body (parsed JSON) → normalised messages and statuses → the runtime's inbound sink. */
@ApplicationScoped
public class WhatsAppInboundRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:whatsapp-inbound";

    private final WhatsAppAdapter adapter;
    private final InboundSink sink;

    WhatsAppInboundRoute(WhatsAppAdapter adapter, InboundSink sink) {
        this.adapter = adapter;
        this.sink = sink;
    }

    @Override
    public void configure() {
        // the caller (webhook, socket, delivery) decides what a failure means and logs it once
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId("whatsapp-inbound")
                .bean(adapter, "normalise")
                .bean(sink, "accept");
    }
}
