package io.continuum.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.auth.IdentityProviders;
import org.kie.kogito.usertask.UserTaskService;
import org.kie.kogito.usertask.view.UserTaskView;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jBPM human tasks of agent-handoff processes (Kogito's user-task service, stored in
 * PostgreSQL): routing puts the task of an assigned conversation in the assignee's hands.
 */
@ApplicationScoped
public class HandoffTasks {

    /** The group every agent-handoff "Respond to customer" task is offered to. */
    public static final String AGENTS_GROUP = "agent";

    private final UserTaskService userTasks;

    HandoffTasks(UserTaskService userTasks) {
        this.userTasks = userTasks;
    }

    /** Claims the open task of the process instance for the user, unless it already has an owner. */
    public void giveTo(String processInstanceId, String username) {
        IdentityProvider identity = IdentityProviders.of(username, List.of(AGENTS_GROUP));
        openTaskOf(processInstanceId, identity)
                .filter(task -> task.getActualOwner() == null || task.getActualOwner().isBlank())
                .ifPresent(task -> userTasks.transition(task.getId(), "claim", Map.of(), identity));
    }

    private Optional<UserTaskView> openTaskOf(String processInstanceId, IdentityProvider identity) {
        return userTasks.list(identity).stream()
                .filter(task -> processInstanceId.equals(String.valueOf(task.getMetadata().get("ProcessInstanceId"))))
                .findFirst();
    }
}
