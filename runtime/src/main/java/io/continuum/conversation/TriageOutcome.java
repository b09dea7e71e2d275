package io.continuum.conversation;

import java.util.List;

/** What triage decided about a conversation: recorded once, on the conversation, when it is triaged. */
public record TriageOutcome(String intent, String severity, String queue, List<String> requiredSkills,
                            String handlingMode, Integer priority) {

    public TriageOutcome {
        requiredSkills = List.copyOf(requiredSkills);
    }
}
