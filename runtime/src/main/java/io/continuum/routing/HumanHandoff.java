package io.continuum.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Puts a conversation on the people's task lists: starts processes/agent-handoff.bpmn, whose
 * "Respond to customer" task carries the handoff brief and moves to a supervisor when the
 * first-response target passes unanswered.
 */
@ApplicationScoped
public class HumanHandoff {

    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private final Process<? extends Model> agentHandoff;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    HumanHandoff(@Named("agent-handoff") Process<? extends Model> agentHandoff, ObjectMapper objectMapper, Clock clock) {
        this.agentHandoff = agentHandoff;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** @return the id of the process instance that holds the conversation's tasks */
    public String handOff(UUID conversationId, String queue, Instant firstResponseDueAt, Map<String, Object> brief) {
        Duration untilDue = firstResponseDueAt == null ? Duration.ofHours(1)
                : Duration.between(clock.instant(), firstResponseDueAt);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("conversationId", conversationId.toString());
        variables.put("queue", queue);
        variables.put("firstResponseDue", (untilDue.compareTo(AT_LEAST) < 0 ? AT_LEAST : untilDue).toString());
        variables.put("brief", json(brief));
        return start(variables);
    }

    @SuppressWarnings("unchecked")
    private <T extends Model> String start(Map<String, Object> variables) {
        Process<T> process = (Process<T>) agentHandoff;
        T model = process.createModel();
        model.fromMap(variables);
        ProcessInstance<T> instance = process.createInstance(model);
        instance.start();
        return instance.id();
    }

    private String json(Map<String, Object> brief) {
        try {
            return objectMapper.writeValueAsString(brief);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The handoff brief cannot be written as JSON", e);
        }
    }
}
