package io.continuum.channels.webchat.api;

import io.continuum.access.Roles;
import io.continuum.channels.webchat.WebChatTyping;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** Typing indicators between an agent and a web chat visitor. */
@Path("/api/v1/webchat/conversations/{id}/typing")
@Produces(MediaType.APPLICATION_JSON)
public class WebChatTypingResource {

    private final WebChatTyping typing;

    WebChatTypingResource(WebChatTyping typing) {
        this.typing = typing;
    }

    public record Typing(boolean visitorTyping, int chatsNotified) {
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Show the visitor that an agent is writing")
    public Typing agentTyping(@PathParam("id") UUID conversationId) {
        return new Typing(typing.visitorTyping(conversationId), typing.agentTyping(conversationId));
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Whether the visitor is writing (typed in the last few seconds)")
    public Typing visitorTyping(@PathParam("id") UUID conversationId) {
        return new Typing(typing.visitorTyping(conversationId), 0);
    }
}
