package io.continuum.resolution;

import java.util.UUID;

/** What a Resolution publishes on the outbox, keyed by the Resolution; consumers read these component names. */
sealed interface ResolutionEvent {

    /** On {@code Topics.RESOLUTION_CREATED}, opened from a conversation. */
    record Created(UUID resolutionId, String caseRef, UUID conversationId, String owningTeam) implements ResolutionEvent {
    }

    /** On {@code Topics.RESOLUTION_STATUS_CHANGED}. */
    record StatusChanged(UUID resolutionId, String from, String to, String actor) implements ResolutionEvent {
    }

    /** On {@code Topics.RESOLUTION_NOTE_ADDED}; {@code source} says where it was written (the console, Slack). */
    record NoteAdded(UUID resolutionId, UUID noteId, String author, String source) implements ResolutionEvent {
    }

    /** On {@code Topics.RESOLUTION_COMPLETED}: closed out, with its summary and the draft article it left. */
    record Completed(UUID resolutionId, String caseRef, String summary, UUID knowledgeArticleId) implements ResolutionEvent {
    }
}
