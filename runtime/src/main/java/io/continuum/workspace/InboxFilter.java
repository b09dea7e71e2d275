package io.continuum.workspace;

import io.continuum.conversation.ConversationState;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an inbox shows: each field narrows the list, null means any. {@code state} is a conversation state or
 * {@code unresolved}; {@code assignee} is an agent id, {@code me} or {@code unassigned}; {@code sort} one of
 * {@link Sort}'s wire names. Saved views store exactly this.
 */
public record InboxFilter(String queue, String state, String severity, String channel, String tag, String assignee,
                          String sort) {

    public static final String UNRESOLVED = "unresolved";
    public static final String ME = "me";
    public static final String UNASSIGNED = "unassigned";
    private static final Set<String> SEVERITIES = Set.of("P0", "P1", "P2", "P3");

    public enum Sort {
        /** Soonest SLA due time first. */
        DUE("due"),
        /** The customer who has waited longest for an answer first. */
        WAITING("waiting"),
        /** The latest message first. */
        RECENT("recent"),
        /** P0 first, then the soonest due. */
        SEVERITY("severity");

        private final String wireName;

        Sort(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The filter as given, refused with a 400 naming the field when a value is not one the inbox knows. */
    public InboxFilter validated() {
        if (state != null && !state.equals(UNRESOLVED)
                && Arrays.stream(ConversationState.values()).noneMatch(s -> s.wireName().equals(state))) {
            throw invalid("state", "must be a conversation state or " + UNRESOLVED);
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw invalid("severity", "must be one of P0, P1, P2, P3");
        }
        sortOrder();
        return this;
    }

    public Sort sortOrder() {
        if (sort == null) {
            return Sort.DUE;
        }
        return Arrays.stream(Sort.values()).filter(s -> s.wireName.equals(sort)).findFirst()
                .orElseThrow(() -> invalid("sort", "must be one of "
                        + Arrays.stream(Sort.values()).map(Sort::wireName).toList()));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Bad Request", "Invalid inbox filter: " + field)
                .withErrors(List.of(Problem.FieldError.ofField(field, message))));
    }
}
