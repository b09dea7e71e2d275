package io.continuum.firstcontact;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What first contact tells the person who takes over: what it read (a summary of the customer's messages and
 * who wrote it, {@link ConversationSummary}), what it tried and where triage sent the conversation. Stored sealed on the conversation and shown with the agent's task.
 */
record HandoffBrief(String intent, double confidence, String severity, String summary, String summaryBy,
                    List<Entities.Entity> entities,
                    double sentiment, Map<String, Boolean> signals, String aiTried, List<String> fallbacksApplied,
                    String suggestedQueue, List<String> requiredSkills, String handlingMode,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Suspicion suspectedRootCause) {
}
