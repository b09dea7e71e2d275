package io.continuum.decisions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cases a policy decides about as they stand today, for a policy that decides about the present
 * state of things rather than about events as they happen (retention-policy: every conversation whose
 * content is still held, aged as of now). Simulating such a policy evaluates these instead of replaying
 * logged decisions, and compares the candidate with the live version on each. One bean per policy.
 */
public interface PresentCases {

    /** The policy whose cases these are. */
    String policy();

    /** About how many cases there are now, never fewer than the pages hold: the simulation's progress. */
    long count();

    /** The next cases after the cursor (a case's id), at most {@code limit}, in a stable order. */
    List<Case> page(Optional<UUID> after, int limit);

    /** One case: the conversation it is about and the policy's inputs for it. */
    record Case(UUID conversationId, Map<String, Object> inputs) {
    }
}
