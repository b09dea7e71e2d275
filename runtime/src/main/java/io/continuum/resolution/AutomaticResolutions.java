package io.continuum.resolution;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.DecisionService;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens a Resolution when the live `routing` policy decided handlingMode "resolution" for a
 * conversation (technical P0/P1, an enterprise customer's failing payments): first contact records the
 * decision on the conversation and publishes message.classified (or, when a follow-up triaged the
 * conversation again, calls {@link #engage} itself); an agent still handles the customer, and the owning
 * team (infra, engineering or finance, by {@link #issueType}) is engaged here.
 */
@ApplicationScoped
public class AutomaticResolutions {

    static final String ROUTING_POLICY = "routing";
    static final String SEVERITY_POLICY = "severity";

    private final Conversations conversations;
    private final ResolutionService resolutions;
    private final IdempotentConsumer idempotent;
    private final DecisionService decisions;

    AutomaticResolutions(Conversations conversations, ResolutionService resolutions, IdempotentConsumer idempotent,
                         DecisionService decisions) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.resolutions = resolutions;
        this.idempotent = idempotent;
    }

    void onClassified(@Observes DomainEvent event) {
        if (Topics.MESSAGE_CLASSIFIED.equals(event.topic()) && mayAskForAResolution(event)) {
            idempotent.handleOnce("resolution-automatic", event, () -> handle(event));
        }
    }

    /**
     * Whether triage may have routed the conversation to a Resolution: most messages go to people or the AI, and
     * their events need no transaction here. An event written before it carried the handling mode is read as maybe.
     */
    private static boolean mayAskForAResolution(DomainEvent event) {
        String handlingMode = event.payload().path("handlingMode").asText(null);
        return handlingMode == null || "resolution".equals(handlingMode);
    }

    private void handle(DomainEvent event) {
        engage(UUID.fromString(event.payload().path("conversationId").asText()));
    }

    /** Opens the conversation's Resolution if routing asked for one and it has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void engage(UUID conversationId) {
        Optional<Conversation> found = conversations.find(conversationId);
        if (found.isEmpty() || !"resolution".equals(found.get().handlingMode) || found.get().resolutionId != null) {
            return;
        }
        Conversation conversation = found.get();
        String routingVersion = decisions.decisionsOf(conversationId).stream()
                .filter(record -> ROUTING_POLICY.equals(record.policyName))
                .reduce((first, second) -> second)
                .map(record -> Integer.toString(record.policyVersion)).orElse("unknown");
        boolean outage = decisions.lastInputs(conversationId, SEVERITY_POLICY, Map.class)
                .map(inputs -> Boolean.TRUE.equals(inputs.get("outageSignal"))).orElse(false);
        resolutions.open(conversationId, new ResolutionService.NewResolution(title(conversation),
                issueType(conversation.intent, outage), Optional.empty()), Actor.rule(ROUTING_POLICY, routingVersion));
    }

    /**
     * The kind of problem, which names the owning team: the service down (the outage signal the severity
     * decision weighed) is infrastructure's, money failing to move is finance's, any other defect engineering's.
     */
    static IssueType issueType(String intent, boolean outage) {
        if (outage) {
            return IssueType.OPS;
        }
        return "transaction_system_failure".equals(intent) ? IssueType.BILLING : IssueType.TECHNICAL;
    }

    /**
     * Names what was read, never what the customer wrote: a Resolution serves many customers and its title is
     * stored, told to every linked customer, posted to the swarm and kept in the knowledge draft, all in clear.
     * Engineers read the customer's words in the conversation.
     */
    private static String title(Conversation conversation) {
        String severity = conversation.severity == null ? "" : conversation.severity + " ";
        String intent = conversation.intent == null ? "issue" : conversation.intent.replace('_', ' ');
        return severity + intent + " reported in conversation " + conversation.id;
    }
}
