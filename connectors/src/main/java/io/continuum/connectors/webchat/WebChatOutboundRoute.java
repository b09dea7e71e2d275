package io.continuum.connectors.webchat;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/** A reply → the visitor's open sockets; the answer tells whether any took it. */
@ApplicationScoped
public class WebChatOutboundRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:webchat-outbound";

    private final WebChatSessions sessions;

    WebChatOutboundRoute(WebChatSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void configure() {
        // the caller (webhook, socket, delivery) decides what a failure means and logs it once
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId("webchat-outbound")
                .bean(sessions, "push");
    }
}
