package io.continuum.conversation.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.conversation.Attachment;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationNote;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationStateChange;
import io.continuum.conversation.Message;
import io.continuum.platform.Pagination;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final SecurityIdentity caller;

    ConversationResource(Conversations conversations, ConversationTimeline timeline, SecurityIdentity caller) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.caller = caller;
    }

    public record ConversationSummary(UUID id, UUID customerId, String state, List<String> channelsUsed,
                                      String currentChannel, String queue, String assignedAgentId,
                                      Instant createdAt, Instant updatedAt, Instant lastMessageAt,
                                      String intent, String severity, Integer priority, Sla sla) {
    }

    public record ConversationPage(List<ConversationSummary> items, String nextCursor) {
    }

    public record AttachmentView(UUID id, String fileName, String contentType, long sizeBytes, String sha256) {
    }

    /** One entry of the timeline: type is message, note or state_change; the other fields depend on it. */
    public record TimelineEntry(String type, UUID id, Instant at, String direction, String channel, String content,
                                String author, List<AttachmentView> attachments, Map<String, Object> annotations,
                                String deliveryStatus, String from, String to, String reason) {
    }

    public record Sla(Instant firstResponseDueAt, Instant nextResponseDueAt, Instant resolutionDueAt, boolean breached) {
    }

    public record ConversationView(UUID id, UUID customerId, String state, List<String> allowedTransitions,
                                   List<String> channelsUsed, String currentChannel, String queue,
                                   String intent, String severity, Integer priority, String handlingMode,
                                   List<String> requiredSkills, Map<String, Object> handoffBrief,
                                   String assignedAgentId, UUID resolutionId, UUID previousConversationId,
                                   Sla sla, List<TimelineEntry> timeline, Instant createdAt, Instant updatedAt,
                                   Instant resolvedAt, List<String> tags) {
    }

    public record ReplyRequest(String content, String channel) {
    }

    public record NoteRequest(String content) {
    }

    public record TransitionRequest(String to, String reason) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.ANALYST})
    @Operation(summary = "Conversations, newest first, filtered by state, queue, assignee or customer")
    public ConversationPage list(@QueryParam("state") String state, @QueryParam("queue") String queue,
                                 @QueryParam("assignee") String assignee, @QueryParam("customerId") UUID customerId,
                                 @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("after") String after) {
        int pageSize = Pagination.pageSize(limit);
        var filter = new Conversations.ListFilter(Optional.ofNullable(state).map(ConversationResource::parseState),
                Optional.ofNullable(queue), Optional.ofNullable(assignee), Optional.ofNullable(customerId));
        List<ConversationSummary> items = conversations.list(filter, Pagination.cursor(after), pageSize).stream()
                .map(c -> new ConversationSummary(c.id, c.customerId, c.state, List.copyOf(c.channelsUsed), c.currentChannel,
                        c.queue, c.assignedAgentId, c.createdAt, c.updatedAt, c.lastMessageAt,
                        c.intent, c.severity, c.priority, sla(c)))
                .toList();
        return new ConversationPage(items, Pagination.next(items.size(), pageSize, () -> items.get(items.size() - 1).id()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.ANALYST, Roles.ENGINEER})
    @Operation(summary = "A conversation with its whole timeline: messages, notes, annotations and state changes")
    public ConversationView get(@PathParam("id") UUID id) {
        return view(conversations.require(id));
    }

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.ANALYST, Roles.ENGINEER})
    @Operation(summary = "A file sent with a message, as it was sent (stored sealed; gone once its customer is erased)")
    public Response attachment(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        ConversationTimeline.AttachmentContent file = timeline.attachment(id, attachmentId)
                .orElseThrow(() -> ProblemException.notFound("Attachment", attachmentId));
        return Response.ok(file.content(), file.contentType())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("/{id}/messages")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Reply to the customer on the current channel, or on the named one")
    public Response reply(@PathParam("id") UUID id, ReplyRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be {content, channel?}");
        }
        Message message = timeline.reply(id, request.content(), Optional.ofNullable(request.channel()),
                caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(messageEntry(message, List.of())).build();
    }

    @POST
    @Path("/{id}/notes")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Add an internal note, never sent to the customer")
    public Response note(@PathParam("id") UUID id, NoteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be {content}");
        }
        ConversationNote note = timeline.addNote(id, request.content(), caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(noteEntry(note)).build();
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Move the conversation to another state; an illegal move is 409 with the allowed states")
    @Transactional
    public ConversationView transition(@PathParam("id") UUID id, TransitionRequest request) {
        if (request == null || request.to() == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "to is required")
                    .withErrors(List.of(Problem.FieldError.ofField("to", "must be a conversation state"))));
        }
        ConversationState to = parseState(request.to());
        Actor person = Actor.human(caller.getPrincipal().getName());
        return view(conversations.change(id, (conversation, now) -> conversation.transition(to, request.reason(), person, now)));
    }

    private static ConversationState parseState(String value) {
        try {
            return ConversationState.fromWire(value);
        } catch (IllegalArgumentException e) {
            List<String> states = java.util.Arrays.stream(ConversationState.values()).map(ConversationState::wireName).toList();
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Unknown conversation state " + value)
                    .withErrors(List.of(Problem.FieldError.ofField("state", "must be one of " + states))));
        }
    }

    private ConversationView view(Conversation conversation) {
        List<Message> messages = timeline.messagesOf(conversation.id);
        Map<UUID, List<Attachment>> attachments = timeline.attachmentsOf(messages.stream().map(m -> m.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.messageId));
        List<TimelineEntry> entries = new ArrayList<>();
        messages.forEach(m -> entries.add(messageEntry(m, attachments.getOrDefault(m.id, List.of()))));
        timeline.notesOf(conversation.id).forEach(n -> entries.add(noteEntry(n)));
        conversations.stateChangesOf(conversation.id).forEach(c -> entries.add(stateEntry(c)));
        entries.sort(Comparator.comparing(TimelineEntry::at));
        ConversationState state = conversation.conversationState();
        return new ConversationView(conversation.id, conversation.customerId, conversation.state,
                state.allowedNext().stream().map(ConversationState::wireName).sorted().toList(),
                List.copyOf(conversation.channelsUsed), conversation.currentChannel, conversation.queue,
                conversation.intent, conversation.severity, conversation.priority, conversation.handlingMode,
                List.copyOf(conversation.requiredSkills), conversation.handoffBrief,
                conversation.assignedAgentId, conversation.resolutionId, conversation.previousConversationId,
                sla(conversation),
                entries, conversation.createdAt, conversation.updatedAt, conversation.resolvedAt,
                List.copyOf(conversation.tags));
    }

    private static TimelineEntry messageEntry(Message m, List<Attachment> files) {
        List<AttachmentView> attachmentViews = files.stream()
                .map(a -> new AttachmentView(a.id, a.fileName, a.contentType, a.sizeBytes, a.sha256)).toList();
        return new TimelineEntry("message", m.id, m.createdAt, m.direction, m.channel, m.content, m.author,
                attachmentViews, m.aiAnnotations, m.deliveryStatus, null, null, null);
    }

    private static TimelineEntry noteEntry(ConversationNote n) {
        return new TimelineEntry("note", n.id, n.createdAt, null, null, n.content, n.author, List.of(), Map.of(),
                null, null, null, null);
    }

    private static TimelineEntry stateEntry(ConversationStateChange c) {
        return new TimelineEntry("state_change", c.id, c.changedAt, null, null, null, c.actor, List.of(), Map.of(),
                null, c.fromState, c.toState, c.reason);
    }

    private static Sla sla(Conversation conversation) {
        return new Sla(conversation.firstResponseDueAt, conversation.nextResponseDueAt, conversation.resolutionDueAt,
                conversation.slaBreached);
    }
}
