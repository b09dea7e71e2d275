package io.continuum.macros;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.delivery.Addressing;
import io.continuum.identity.Customer;
import io.continuum.identity.IdentityService;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.routing.Agents;
import io.continuum.templates.CommunicationTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Agents' macros: kept per agent or shared, found by name or text, and applied to a conversation: the text,
 * its placeholders filled, goes as the agent's own reply (so delivery and everything that watches agent
 * replies apply), then the tags and the state change, all or nothing; every use is counted.
 */
@ApplicationScoped
public class Macros {

    private static final int LONGEST_NAME = 120;
    private static final int LONGEST_BODY = 4000;

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final IdentityService identity;
    private final Agents agents;
    private final AuditTrail audit;
    private final Clock clock;

    Macros(Conversations conversations, ConversationTimeline timeline, IdentityService identity, Agents agents,
           AuditTrail audit, Clock clock) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.identity = identity;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who is asking: their user name, and whether they manage shared macros (supervisors, admins). */
    public record Caller(String username, boolean managesShared) {
    }

    /** A macro as written: absent tags mean none, an absent state means no state change. */
    public record Draft(String name, String body, boolean shared, List<String> addTags, String changeState) {
    }

    /** What applying a macro did: the reply it sent and the state the conversation is in afterwards. */
    public record Applied(Message reply, String state, long usageCount) {
    }

    /** Audited on the macro: what it is, never what it rendered for a customer. */
    private record Written(String name, boolean shared, List<String> addTags, String changeState) {
        static Written of(Macro macro) {
            return new Written(macro.name, macro.shared, List.copyOf(macro.addTags), macro.changeState);
        }
    }

    private record Used(UUID conversationId, UUID messageId) {
    }

    /** The caller's own macros and the shared ones, by name; {@code query} matches name or text, any case. */
    public List<Macro> visibleTo(String username, Optional<String> query) {
        String pattern = "%" + query.map(String::strip).orElse("").toLowerCase().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%";
        return Macro.list("(shared = true or owner = ?1) and (lower(name) like ?2 or lower(body) like ?2) "
                + "order by shared, lower(name)", username, pattern);
    }

    public Optional<Macro> find(UUID id, String username) {
        return Macro.<Macro>findByIdOptional(id).filter(macro -> macro.visibleTo(username));
    }

    @Transactional
    public Macro create(Draft draft, Caller caller) {
        check(draft);
        if (draft.shared() && !caller.managesShared()) {
            throw forbidden("Only supervisors and admins write shared macros");
        }
        Instant now = clock.instant();
        Macro macro = new Macro();
        macro.id = UUID.randomUUID();
        macro.owner = caller.username();
        macro.createdAt = now;
        write(macro, draft, now);
        macro.persist();
        audit.record("macro", macro.id, "created", Actor.human(caller.username()), null, Written.of(macro));
        return macro;
    }

    @Transactional
    public Macro update(UUID id, Draft draft, Caller caller) {
        check(draft);
        Macro macro = editable(id, caller);
        if (draft.shared() != macro.shared && !caller.managesShared()) {
            throw forbidden("Only supervisors and admins share macros");
        }
        Written before = Written.of(macro);
        write(macro, draft, clock.instant());
        audit.record("macro", macro.id, "updated", Actor.human(caller.username()), before, Written.of(macro));
        return macro;
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        Macro macro = editable(id, caller);
        audit.record("macro", macro.id, "deleted", Actor.human(caller.username()), Written.of(macro), null);
        macro.delete();
    }

    /**
     * Sends the macro as the caller's reply ({@code editedText}, when the agent changed it in the composer,
     * instead of the macro's text; placeholders are filled in either), then adds its tags to the customer
     * and moves the conversation to its state. An illegal state change is a 409 and nothing is sent.
     */
    @Transactional
    public Applied apply(UUID conversationId, UUID macroId, Optional<String> editedText, String username) {
        Macro macro = Macro.<Macro>findByIdOptional(macroId, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.visibleTo(username))
                .orElseThrow(() -> ProblemException.notFound("Macro", macroId));
        // locked first: the reply, the tags and the state change below see and change this version
        Conversation conversation = conversations.requireForUpdate(conversationId);
        String text = CommunicationTemplates.fill(editedText.filter(edited -> !edited.isBlank()).orElse(macro.body),
                placeholders(conversation, username).values());
        Message reply = timeline.reply(conversationId, text, Optional.empty(), username);
        if (!macro.addTags.isEmpty()) {
            Customer customer = identity.find(conversation.customerId).orElseThrow();
            LinkedHashSet<String> tags = new LinkedHashSet<>(customer.tags);
            tags.addAll(macro.addTags);
            identity.update(customer.id, new IdentityService.CustomerChanges(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(new ArrayList<>(tags)), Optional.empty(), Optional.empty()), username);
        }
        Actor person = Actor.human(username);
        Conversation after = conversations.require(conversationId);
        if (macro.changeState != null && !macro.changeState.equals(after.state)) {
            after = conversations.change(conversationId, (changing, now) -> changing.transition(
                    ConversationState.fromWire(macro.changeState), "macro " + macro.name, person, now));
        }
        macro.usageCount++;
        macro.lastUsedAt = clock.instant();
        audit.record("macro", macro.id, "applied", person, null, new Used(conversationId, reply.id));
        return new Applied(reply, after.state, macro.usageCount);
    }

    /** What the placeholders stand for in this conversation, for this agent. */
    public MacroPlaceholders placeholders(Conversation conversation, String username) {
        String customerName = identity.find(conversation.customerId).map(customer -> customer.displayName).orElse(null);
        String agentName = agents.findByUsername(username).map(agent -> agent.name).orElse(username);
        return new MacroPlaceholders(customerName, conversation.id.toString(),
                Addressing.conversationToken(conversation.id), conversation.queue, agentName);
    }

    private Macro editable(UUID id, Caller caller) {
        Macro macro = find(id, caller.username()).orElseThrow(() -> ProblemException.notFound("Macro", id));
        if (!macro.editableBy(caller.username(), caller.managesShared())) {
            throw forbidden(macro.shared ? "Only supervisors and admins change shared macros"
                    : "Only its owner changes a private macro");
        }
        return macro;
    }

    private static void write(Macro macro, Draft draft, Instant now) {
        macro.name = draft.name().strip();
        macro.body = draft.body();
        macro.shared = draft.shared();
        macro.addTags = draft.addTags() == null ? new ArrayList<>()
                : new ArrayList<>(draft.addTags().stream().map(String::strip).distinct().toList());
        macro.changeState = draft.changeState();
        macro.updatedAt = now;
    }

    private static void check(Draft draft) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (draft == null) {
            throw ProblemException.badRequest("The body must be {name, body, shared, addTags?, changeState?}");
        }
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > LONGEST_NAME) {
            errors.add(Problem.FieldError.ofField("name", "must be 1 to " + LONGEST_NAME + " characters"));
        }
        if (draft.body() == null || draft.body().isBlank() || draft.body().length() > LONGEST_BODY) {
            errors.add(Problem.FieldError.ofField("body", "must be 1 to " + LONGEST_BODY + " characters"));
        }
        if (draft.addTags() != null && draft.addTags().stream().anyMatch(tag -> tag == null || tag.isBlank())) {
            errors.add(Problem.FieldError.ofField("addTags", "must not hold empty tags"));
        }
        if (draft.changeState() != null) {
            try {
                ConversationState.fromWire(draft.changeState());
            } catch (IllegalArgumentException e) {
                errors.add(Problem.FieldError.ofField("changeState", "must be a conversation state"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The macro is not valid")
                    .withErrors(errors));
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}
