package io.continuum.automations;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.csat.CsatSurveys;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;
import io.continuum.identity.IdentityService;
import io.continuum.routing.AgentAssignment;
import io.continuum.routing.Agents;
import io.continuum.routing.Assignments;
import io.continuum.routing.WaitingQueue;
import io.continuum.templates.CommunicationTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Carries out one action a fired automation row asks for, on a conversation its caller holds locked, through the
 * conversation's own methods (legal state moves only), routing's assignment (a named agent), the failsafes and the
 * delivery's channel-reply policy (template replies), the supervisors' notifications and the webhook outbox.
 * The storm limit is checked first; every action, run or refused, is a row, an audit entry and an
 * {@code automation.executed} event naming the row.
 */
@ApplicationScoped
public class AutomationActions {

    private static final Logger LOG = Logger.getLogger(AutomationActions.class);
    private static final Duration STORM_WINDOW = Duration.ofHours(1);

    /** The run an action belongs to: what triggered it and the logged decision that fired its row. */
    public record Run(String trigger, UUID eventId, UUID decisionId, int policyVersion, Instant now) {

        Actor actor() {
            return Actor.rule(AutomationsPolicy.NAME, Integer.toString(policyVersion));
        }
    }

    /** Published on {@code Topics.AUTOMATION_EXECUTED} for every action, run or refused. */
    public record Executed(UUID conversationId, String automation, String row, String action, String argument,
                           String outcome, String detail, String trigger, UUID eventId, int policyVersion, UUID decisionId) {
    }

    /** The audit entry of an action. */
    private record Audited(String automation, String row, String action, String argument, String outcome, String detail) {
    }

    /** What an action came to; {@code detail} says why it was refused or changed nothing. */
    private record Outcome(String outcome, String detail) {

        static Outcome executed() {
            return new Outcome(AutomatedAction.EXECUTED, null);
        }

        static Outcome refused(String why) {
            return new Outcome(AutomatedAction.REFUSED, why);
        }

        static Outcome unchanged(String why) {
            return new Outcome(AutomatedAction.UNCHANGED, why);
        }
    }

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Assignments assignments;
    private final WaitingQueue waiting;
    private final CommunicationTemplates templates;
    private final FailsafePolicy failsafes;
    private final OutboundWebhooks webhooks;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final AutomationsConfig config;
    private final CsatSurveys surveys;
    private final Agents agents;
    private final IdentityService identity;
    private final SupervisorNotifications notifications;

    AutomationActions(Conversations conversations, ConversationTimeline timeline, Assignments assignments,
                      WaitingQueue waiting, CommunicationTemplates templates, FailsafePolicy failsafes,
                      OutboundWebhooks webhooks, AuditTrail audit, Outbox outbox, AutomationsConfig config,
                      CsatSurveys surveys, Agents agents, IdentityService identity,
                      SupervisorNotifications notifications) {
        this.agents = agents;
        this.identity = identity;
        this.notifications = notifications;
        this.conversations = conversations;
        this.timeline = timeline;
        this.assignments = assignments;
        this.waiting = waiting;
        this.templates = templates;
        this.failsafes = failsafes;
        this.webhooks = webhooks;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config;
        this.surveys = surveys;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AutomatedAction execute(UUID conversationId, AutomationsPolicy.Fired fired, Run run) {
        long recent = AutomatedAction.count("conversationId = ?1 and outcome = ?2 and executedAt > ?3",
                conversationId, AutomatedAction.EXECUTED, run.now().minus(STORM_WINDOW));
        Outcome outcome;
        if (recent >= config.maxActionsPerConversationPerHour()) {
            outcome = Outcome.refused("storm limit: " + recent + " automation actions on this conversation in the last hour");
            LOG.warnf("Automation %s (row %s) refused on conversation %s: storm limit of %d actions per hour reached",
                    fired.automation(), fired.rowId(), conversationId, config.maxActionsPerConversationPerHour());
        } else {
            outcome = AutomationAction.fromWire(fired.action())
                    .map(action -> apply(action, conversationId, fired, run))
                    .orElseGet(() -> Outcome.refused("no such action: " + fired.action()));
        }
        AutomatedAction done = new AutomatedAction();
        done.id = UUID.randomUUID();
        done.conversationId = conversationId;
        done.automation = fired.automation() == null ? fired.rowId() : fired.automation();
        done.rowId = fired.rowId();
        done.action = fired.action();
        done.argument = fired.argument();
        done.outcome = outcome.outcome();
        done.detail = outcome.detail();
        done.trigger = run.trigger();
        done.eventId = run.eventId();
        done.decisionId = run.decisionId();
        done.policyVersion = run.policyVersion();
        done.executedAt = run.now();
        done.persist();
        audit.record("conversation", conversationId, "automation-" + outcome.outcome(), run.actor(), null,
                new Audited(done.automation, done.rowId, done.action, done.argument, done.outcome, done.detail));
        outbox.publish(Topics.AUTOMATION_EXECUTED, conversationId, new Executed(conversationId, done.automation,
                done.rowId, done.action, done.argument, done.outcome, done.detail, done.trigger, done.eventId,
                done.policyVersion, done.decisionId));
        return done;
    }

    private Outcome apply(AutomationAction action, UUID conversationId, AutomationsPolicy.Fired fired, Run run) {
        String argument = fired.argument() == null ? "" : fired.argument().trim();
        Actor actor = run.actor();
        return switch (action) {
            case ADD_TAG -> conversations.apply(conversationId, (conversation, now) -> conversation.tag(argument, actor, now))
                    ? Outcome.executed() : Outcome.unchanged("already tagged " + argument);
            case REMOVE_TAG -> conversations.apply(conversationId, (conversation, now) -> conversation.untag(argument, actor, now))
                    ? Outcome.executed() : Outcome.unchanged("not tagged " + argument);
            case SET_PRIORITY -> setPriority(conversationId, argument, actor);
            case MOVE_QUEUE -> moveQueue(conversationId, argument, actor);
            case SEND_TEMPLATE_REPLY -> sendTemplate(conversationId, argument, actor);
            case ADD_NOTE -> {
                timeline.addNote(conversationId, argument, AutomationRunner.AUTHOR);
                yield Outcome.executed();
            }
            case NOTIFY_SUPERVISOR -> {
                notifications.raise(conversationId, fired, argument);
                yield Outcome.executed();
            }
            case ASSIGN_AGENT -> assignAgent(conversationId, argument, fired, actor);
            case CHANGE_STATE -> changeState(conversationId, argument, fired, actor);
            case CALL_WEBHOOK -> webhooks.enqueue(conversationId, fired, argument, run)
                    .map(Outcome::refused).orElseGet(Outcome::executed);
            case REQUEST_CSAT -> requestSurvey(conversationId, actor);
        };
    }

    private Outcome assignAgent(UUID conversationId, String username, AutomationsPolicy.Fired fired, Actor actor) {
        return agents.findByUsername(username).map(agent -> switch (assignments.assignNamed(conversationId, agent,
                fired.automation() == null ? fired.rowId() : fired.automation(), actor)) {
            case ASSIGNED -> Outcome.executed();
            case ALREADY_THEIRS -> Outcome.unchanged("already assigned to " + username);
            case HELD_BY_ANOTHER -> Outcome.refused("another agent holds this conversation; it stays with them");
            case NOT_WAITING -> Outcome.refused("not waiting for an agent");
            case AGENT_OFFLINE -> Outcome.refused(username + " is offline");
            case NO_FREE_SLOT -> Outcome.refused(username + " has no free slot on this channel; routing keeps it queued");
        }).orElseGet(() -> Outcome.refused("no agent " + username));
    }

    private Outcome requestSurvey(UUID conversationId, Actor actor) {
        CsatSurveys.Request request = surveys.request(conversationId, actor);
        if (request instanceof CsatSurveys.Request.NoConsent none) {
            return Outcome.refused("no survey consent: " + none.consentStatus());
        }
        if (request instanceof CsatSurveys.Request.NotResolved open) {
            return Outcome.refused("not resolved: " + open.state());
        }
        return request instanceof CsatSurveys.Request.AlreadySent
                ? Outcome.unchanged("this resolution was already surveyed") : Outcome.executed();
    }

    private Outcome setPriority(UUID conversationId, String argument, Actor actor) {
        int priority;
        try {
            priority = Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            return Outcome.refused("not a priority (1-4): " + argument);
        }
        if (priority < 1 || priority > 4) {
            return Outcome.refused("not a priority (1-4): " + argument);
        }
        Conversation conversation = conversations.require(conversationId);
        if (Integer.valueOf(priority).equals(conversation.priority)) {
            return Outcome.unchanged("already priority " + priority);
        }
        String queue = conversation.queue;
        conversations.change(conversationId, (changed, now) -> changed.reprioritize(queue, priority, actor, now));
        waiting.requeue(conversationId, queue, priority);
        return Outcome.executed();
    }

    private Outcome moveQueue(UUID conversationId, String queue, Actor actor) {
        if (queue.isEmpty()) {
            return Outcome.refused("no queue named");
        }
        if (assignments.activeAssignment(conversationId).map(AgentAssignment::byHuman).orElse(false)) {
            return Outcome.refused("a person assigned this conversation; its queue stays theirs");
        }
        Conversation conversation = conversations.require(conversationId);
        if (queue.equals(conversation.queue)) {
            return Outcome.unchanged("already in queue " + queue);
        }
        int priority = conversation.priority == null ? 3 : conversation.priority;
        conversations.change(conversationId, (moved, now) -> moved.reprioritize(queue, priority, actor, now));
        waiting.requeue(conversationId, queue, priority);
        return Outcome.executed();
    }

    /**
     * The template in the customer's language, vetted by the live AI failsafes like every automated text, then sent;
     * delivery decides with the live channel-reply policy how it may go (an automated update: no HUMAN_AGENT tag).
     */
    private Outcome sendTemplate(UUID conversationId, String template, Actor actor) {
        Conversation conversation = conversations.require(conversationId);
        String language = identity.languageOf(conversation.customerId).orElse(null);
        String text;
        try {
            text = templates.render(template, language, Map.of("conversationId", conversationId.toString()));
        } catch (IllegalStateException e) {
            return Outcome.refused("no communication template " + template);
        }
        ProposedAction proposed = new ProposedAction();
        proposed.setConversationId(conversationId.toString());
        proposed.setType("reply");
        proposed.setActor("rule");
        proposed.setText(text);
        FailsafePolicy.Outcome vetted = failsafes.vet(proposed);
        if (!vetted.allowed()) {
            return Outcome.refused("stopped by the failsafes " + vetted.rules());
        }
        timeline.sendAutomatically(conversationId, vetted.text().orElse(text), conversation.currentChannel,
                AutomationRunner.AUTHOR, actor);
        return Outcome.executed();
    }

    private Outcome changeState(UUID conversationId, String state, AutomationsPolicy.Fired fired, Actor actor) {
        ConversationState to;
        try {
            to = ConversationState.fromWire(state);
        } catch (IllegalArgumentException e) {
            return Outcome.refused("no such state: " + state);
        }
        String from = conversations.require(conversationId).state;
        boolean moved = conversations.apply(conversationId, (conversation, now) -> conversation.moveAutomatically(to,
                "automation " + fired.automation(), actor, now));
        return moved ? Outcome.executed() : Outcome.refused("no legal move from " + from + " to " + to.wireName());
    }
}
