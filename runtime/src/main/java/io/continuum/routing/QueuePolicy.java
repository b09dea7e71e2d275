package io.continuum.routing;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code routing} decision table (decision-tables/routing.dmn; the policy keeps that
 * public name): which queue a triaged conversation waits in, the skills it needs, how it is
 * handled (deflect, agent, resolution) and its priority. Picking the agent is {@link AgentSelection}'s job.
 */
@ApplicationScoped
public class QueuePolicy {

    public static final String NAME = "routing";
    /** The language of a conversation whose messages did not tell (too short) and whose customer's is not known. */
    public static final String DEFAULT_LANGUAGE = "en";

    /** What routing.dmn reads: the components are its DMN context. */
    public record Inputs(String intent, String severity, String channel, String tier, String language) {
    }

    /** Where the conversation goes; {@code policyVersion} is the routing version that decided it. */
    public record Route(String queue, List<String> requiredSkills, String handlingMode, Integer priority,
                        int policyVersion) {

        public Route {
            requiredSkills = List.copyOf(requiredSkills);
        }

        /** The AI may try to answer from the knowledge base before a person is involved. */
        public boolean deflects() {
            return "deflect".equals(handlingMode);
        }

        public static Route of(Map<String, Object> outputs, int policyVersion) {
            if (!(outputs.get(NAME) instanceof Map<?, ?> routing)) {
                throw new IllegalStateException("routing decided no route: " + outputs);
            }
            List<String> skills = routing.get("requiredSkills") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of();
            Object priority = routing.get("priority");
            return new Route((String) routing.get("queue"), skills, (String) routing.get("handlingMode"),
                    priority == null ? null : ((Number) priority).intValue(), policyVersion);
        }
    }

    private final DecisionService decisions;

    QueuePolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Transactional
    public Route decide(Inputs inputs, UUID conversationId) {
        Decision decision = decisions.decide(NAME, inputs, conversationId);
        return Route.of(decision.outputs(), decision.version());
    }
}
