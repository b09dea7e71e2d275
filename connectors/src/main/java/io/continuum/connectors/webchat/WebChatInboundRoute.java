package io.continuum.connectors.webchat;

import io.continuum.connectors.channel.InboundSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/** A visitor's message from the socket → normalised → the runtime's inbound sink. */
@ApplicationScoped
public class WebChatInboundRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:webchat-inbound";

    private final WebChatAdapter adapter;
    private final InboundSink sink;

    WebChatInboundRoute(WebChatAdapter adapter, InboundSink sink) {
        this.adapter = adapter;
        this.sink = sink;
    }

    @Override
    public void configure() {
        // the caller (webhook, socket, delivery) decides what a failure means and logs it once
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId("webchat-inbound")
                .bean(adapter, "normalise")
                .bean(sink, "accept");
    }
}
