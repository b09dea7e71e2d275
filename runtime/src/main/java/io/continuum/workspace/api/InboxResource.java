package io.continuum.workspace.api;

import io.continuum.access.Roles;
import io.continuum.conversation.Conversations;
import io.continuum.platform.Pagination;
import io.continuum.problem.ProblemException;
import io.continuum.workspace.Inbox;
import io.continuum.workspace.InboxFilter;
import io.continuum.workspace.InboxItem;
import io.continuum.workspace.SavedView;
import io.continuum.workspace.SavedViews;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class InboxResource {

    private final Inbox inbox;
    private final SavedViews savedViews;
    private final Conversations conversations;
    private final SecurityIdentity caller;

    InboxResource(Inbox inbox, SavedViews savedViews, Conversations conversations, SecurityIdentity caller) {
        this.inbox = inbox;
        this.savedViews = savedViews;
        this.conversations = conversations;
        this.caller = caller;
    }

    public record InboxPage(List<InboxItem> items) {
    }

    public record SavedViewRequest(String name, InboxFilter filter) {
    }

    public record SavedViewView(UUID id, String name, InboxFilter filter, Instant createdAt) {
        static SavedViewView of(SavedView view) {
            return new SavedViewView(view.id, view.name, view.filter, view.createdAt);
        }
    }

    @GET
    @Operation(summary = "The inbox: conversations with customer, channel, last message preview, wait, SLA due time, "
            + "assignee and unread mark, filtered and sorted (due, waiting, recent, severity)")
    public InboxPage list(@QueryParam("queue") String queue, @QueryParam("state") String state,
                          @QueryParam("severity") String severity, @QueryParam("channel") String channel,
                          @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
                          @QueryParam("sort") String sort, @QueryParam("limit") @DefaultValue("50") int limit) {
        InboxFilter filter = new InboxFilter(queue, state, severity, channel, tag, assignee, sort).validated();
        return new InboxPage(inbox.list(filter, username(), Pagination.pageSize(limit)));
    }

    @PUT
    @Path("/read/{conversationId}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER})
    @Operation(summary = "Mark what the customer wrote until now as read by the signed-in person (everyone who may open a conversation)")
    public Response markRead(@PathParam("conversationId") UUID conversationId) {
        conversations.require(conversationId);
        inbox.markRead(conversationId, username());
        return Response.noContent().build();
    }

    @GET
    @Path("/views")
    @Operation(summary = "The signed-in person's saved inbox views")
    public List<SavedViewView> views() {
        return savedViews.of(username()).stream().map(SavedViewView::of).toList();
    }

    @POST
    @Path("/views")
    @Operation(summary = "Save an inbox filter under a name (409 if the name is taken)")
    public Response saveView(SavedViewRequest request) {
        if (request == null || request.filter() == null) {
            throw ProblemException.badRequest("The body must be {name, filter:{queue?, state?, severity?, channel?, tag?, assignee?, sort?}}");
        }
        return Response.status(Response.Status.CREATED)
                .entity(SavedViewView.of(savedViews.save(username(), request.name(), request.filter()))).build();
    }

    @DELETE
    @Path("/views/{id}")
    @Operation(summary = "Remove one of the signed-in person's saved views")
    public Response deleteView(@PathParam("id") UUID id) {
        savedViews.delete(username(), id);
        return Response.noContent().build();
    }

    private String username() {
        return caller.getPrincipal().getName();
    }
}
