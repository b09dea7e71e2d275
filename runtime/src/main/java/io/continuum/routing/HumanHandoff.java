package io.continuum.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts a conversation on the people's task lists: starts processes/agent-handoff.bpmn, whose
 * "Respond to customer" task (shown with the conversation's handoff brief) moves to a supervisor when the
 * first-response target passes unanswered, and queues the conversation on the route triage
 * decided, for routing to hand the task to the agent it picks. A conversation a person already
 * holds keeps its assignee.
 */
@ApplicationScoped
public class HumanHandoff {

    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    /** Priority of a conversation the routing policy gave none: behind every prioritised one. */
    private static final int LOWEST_PRIORITY = 9;
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {
    };

    /**
     * The variables processes/agent-handoff.bpmn starts with; {@code firstResponseDue} is an ISO duration and
     * {@code assignee} the person who already holds the conversation, if one does. Nothing that quotes the
     * customer: process variables and task data are stored in clear.
     */
    private record ProcessVariables(String conversationId, String queue, String firstResponseDue, String assignee) {
    }

    private final Process<? extends Model> agentHandoff;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Conversations conversations;
    private final WaitingQueue waiting;
    private final Agents agents;

    HumanHandoff(@Named("agent-handoff") Process<? extends Model> agentHandoff, ObjectMapper objectMapper, Clock clock,
                 Conversations conversations, WaitingQueue waiting, Agents agents) {
        this.agentHandoff = agentHandoff;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.conversations = conversations;
        this.waiting = waiting;
        this.agents = agents;
    }

    /** @return the id of the process instance that holds the conversation's tasks */
    @Transactional(Transactional.TxType.MANDATORY)
    public String handOff(UUID conversationId, QueuePolicy.Route route, Instant firstResponseDueAt) {
        String queue = route.queue();
        Instant now = clock.instant();
        Instant due = firstResponseDueAt == null ? now.plus(Duration.ofHours(1)) : firstResponseDueAt;
        Duration untilDue = Duration.between(now, due);
        Conversation conversation = conversations.require(conversationId);
        Optional<Agent> holder = Optional.ofNullable(conversation.assignedAgentId)
                .flatMap(id -> agents.find(UUID.fromString(id)));
        String processInstanceId = start(new ProcessVariables(conversationId.toString(), queue,
                (untilDue.compareTo(AT_LEAST) < 0 ? AT_LEAST : untilDue).toString(),
                holder.map(agent -> agent.username).orElse(null)));

        Handoff handoff = new Handoff();
        handoff.processInstanceId = processInstanceId;
        handoff.conversationId = conversationId;
        handoff.queue = queue;
        handoff.createdAt = now;
        handoff.persist();
        if (holder.isEmpty()) {
            waiting.enqueue(new QueueEntry(conversationId, queue, conversation.currentChannel,
                    route.requiredSkills(), route.priority() == null ? LOWEST_PRIORITY : route.priority(),
                    due, now, processInstanceId));
        }
        return processInstanceId;
    }

    /** When the hand-off that started this process happened: the task's creation time on people's lists. */
    public Optional<Instant> handedOffAt(String processInstanceId) {
        return Handoff.<Handoff>findByIdOptional(processInstanceId).map(handoff -> handoff.createdAt);
    }

    @SuppressWarnings("unchecked")
    private <T extends Model> String start(ProcessVariables variables) {
        Process<T> process = (Process<T>) agentHandoff;
        T model = process.createModel();
        model.fromMap(objectMapper.convertValue(variables, VARIABLES));
        ProcessInstance<T> instance = process.createInstance(model);
        instance.start();
        return instance.id();
    }
}
