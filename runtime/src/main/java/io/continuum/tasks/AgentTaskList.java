package io.continuum.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.conversation.Conversation;
import io.continuum.audit.Actor;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.ConversationState;
import io.continuum.problem.ProblemException;
import io.continuum.routing.Agent;
import io.continuum.routing.Agents;
import io.continuum.routing.Assignments;
import io.continuum.routing.HumanHandoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.auth.IdentityProviders;
import org.kie.kogito.usertask.UserTaskService;
import org.kie.kogito.usertask.view.UserTaskView;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * People's generated task lists: the jBPM human tasks of agent-handoff processes (created by the
 * BPMN, stored by Kogito in PostgreSQL), shown with the conversation they are about and its SLA.
 * Claiming a task is a person's explicit assignment of its conversation: routing records it and
 * no rule overrides it.
 */
@ApplicationScoped
public class AgentTaskList {

    private final UserTaskService userTasks;
    private final Conversations conversations;
    private final Assignments assignments;
    private final Agents agents;
    private final HumanHandoff handoffs;
    private final ObjectMapper objectMapper;

    AgentTaskList(UserTaskService userTasks, Conversations conversations, Assignments assignments, Agents agents,
                  HumanHandoff handoffs, ObjectMapper objectMapper) {
        this.userTasks = userTasks;
        this.conversations = conversations;
        this.assignments = assignments;
        this.agents = agents;
        this.handoffs = handoffs;
        this.objectMapper = objectMapper;
    }

    /** A task as the API and the UI show it. */
    public record Task(String id, String name, String description, String conversationId, String queue, String state,
                       String owner, Set<String> potentialUsers, Set<String> potentialGroups, String processInstanceId,
                       Instant createdAt, Instant slaDueAt, JsonNode brief) {
    }

    /**
     * The caller's tasks: those they own, and those offered to them or their groups that nobody
     * owns yet, most urgent first. With a group, the tasks offered to that group (for supervisors).
     */
    public List<Task> list(String user, Collection<String> roles, Optional<String> group, boolean ownedOnly) {
        IdentityProvider identity = IdentityProviders.of(user, group.map(List::of).orElseGet(() -> List.copyOf(roles)));
        return userTasks.list(identity).stream()
                .filter(task -> group.isPresent() || unownedOrOwnedBy(task, user))
                .filter(task -> !ownedOnly || user.equals(task.getActualOwner()))
                .map(this::task)
                .sorted(Comparator.comparing(Task::slaDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Task::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    public Task get(String taskId, String user, Collection<String> roles) {
        return task(require(taskId, identity(user, roles)));
    }

    @Transactional
    public Task claim(String taskId, String user, Collection<String> roles) {
        IdentityProvider identity = identity(user, roles);
        UserTaskView task = require(taskId, identity);
        if (task.getActualOwner() != null && !task.getActualOwner().isBlank() && !user.equals(task.getActualOwner())) {
            throw ProblemException.conflict("task-owned", "The task belongs to " + task.getActualOwner());
        }
        conversationOf(task).ifPresent(conversationId -> assignToClaimer(conversationId, user));
        if (!user.equals(task.getActualOwner())) {
            task = userTasks.transition(taskId, "claim", Map.of(), identity).orElseThrow();
        }
        return task(task);
    }

    /** Completes the task (the customer was answered); {@code resolved} also resolves the conversation. */
    @Transactional
    public Task complete(String taskId, String user, Collection<String> roles, String responseSummary, boolean resolved) {
        Task claimed = claim(taskId, user, roles);
        UserTaskView done = userTasks.transition(taskId, "complete",
                Map.of("responseSummary", responseSummary == null ? "" : responseSummary), identity(user, roles)).orElseThrow();
        if (resolved && claimed.conversationId() != null) {
            UUID conversationId = UUID.fromString(claimed.conversationId());
            conversations.change(conversationId, (conversation, now) -> {
                if (conversation.conversationState().canMoveTo(ConversationState.RESOLVED)) {
                    conversation.transition(ConversationState.RESOLVED, "resolved with task " + taskId, Actor.human(user), now);
                }
            });
        }
        return new Task(claimed.id(), claimed.name(), claimed.description(), claimed.conversationId(), claimed.queue(),
                done.getStatus() == null ? "Completed" : done.getStatus().getName(), user, claimed.potentialUsers(),
                claimed.potentialGroups(), claimed.processInstanceId(), claimed.createdAt(), claimed.slaDueAt(), claimed.brief());
    }

    private void assignToClaimer(UUID conversationId, String user) {
        Optional<Agent> agent = agents.findByUsername(user);
        if (agent.isEmpty()) {
            return; // a supervisor answering an escalated task is not routed work
        }
        Conversation conversation = conversations.require(conversationId);
        if (!assignments.assignByHuman(conversationId, agent.get(), conversation.currentChannel, user)) {
            throw ProblemException.conflict("conversation-assigned",
                    "The conversation is assigned to another agent (" + conversation.assignedAgentId + ")");
        }
    }

    private UserTaskView require(String taskId, IdentityProvider identity) {
        return userTasks.getUserTaskInstance(taskId, identity).orElseThrow(() -> ProblemException.notFound("Task", taskId));
    }

    private static IdentityProvider identity(String user, Collection<String> roles) {
        return IdentityProviders.of(user, List.copyOf(roles));
    }

    private static boolean unownedOrOwnedBy(UserTaskView task, String user) {
        return task.getActualOwner() == null || task.getActualOwner().isBlank() || user.equals(task.getActualOwner());
    }

    private static Optional<UUID> conversationOf(UserTaskView task) {
        Object id = task.getInputs() == null ? null : task.getInputs().get("conversationId");
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Task task(UserTaskView view) {
        Map<String, Object> inputs = view.getInputs() == null ? Map.of() : view.getInputs();
        String processInstanceId = view.getMetadata() == null ? null : (String) view.getMetadata().get("ProcessInstanceId");
        Optional<Conversation> conversation = conversationOf(view).flatMap(conversations::find);
        Instant createdAt = processInstanceId == null ? null
                : handoffs.handedOffAt(processInstanceId).orElse(null);
        Instant slaDueAt = conversation.map(c -> c.firstResponseDueAt).orElse(null);
        return new Task(view.getId(), view.getTaskName(), view.getTaskDescription(),
                inputs.get("conversationId") == null ? null : inputs.get("conversationId").toString(),
                inputs.get("queue") == null ? null : inputs.get("queue").toString(),
                view.getStatus() == null ? null : view.getStatus().getName(),
                view.getActualOwner(), view.getPotentialUsers(), view.getPotentialGroups(), processInstanceId,
                createdAt, slaDueAt, conversation.map(c -> c.handoffBrief).map(objectMapper::<JsonNode>valueToTree).orElse(null));
    }
}
