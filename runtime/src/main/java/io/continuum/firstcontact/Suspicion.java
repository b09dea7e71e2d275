package io.continuum.firstcontact;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A suspected root cause as the handoff brief and the message's annotations show it: what it is
 * based on, a summary for the agent, and the similar conversation it comes from (with up to five look-alikes).
 */
public sealed interface Suspicion {

    String OPEN_RESOLUTION = "open-resolution";
    String SIMILAR_RESOLVED_CASE = "similar-resolved-case";

    /** A similar conversation is linked to a Resolution that is still open. */
    record KnownIssue(String basis, String summary, double similarity, String conversationId, List<String> similarCases,
                      String resolutionId, String caseRef, String resolutionStatus) implements Suspicion {
    }

    /** The closest similar conversation was resolved; {@code resolutionId} when its Resolution recorded the root cause. */
    record ResolvedCase(String basis, String summary, double similarity, String conversationId, List<String> similarCases,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String resolutionId) implements Suspicion {
    }
}
