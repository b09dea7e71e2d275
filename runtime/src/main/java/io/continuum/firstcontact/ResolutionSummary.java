package io.continuum.firstcontact;

import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.resolution.ClosingSummary;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionLink;
import io.continuum.resolution.ResolutionNote;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The summary a Resolution keeps when it closes: what it was, who it reached, what the customers quoted, what the
 * engineers recorded as root cause and fix, and what their notes say — the notes' most informative sentences
 * ({@link ConversationSummary}, phrased by the optional model and vetted by the failsafes).
 * <p>
 * It stays readable after an erasure: of the customers it keeps only their number, their channels and the error
 * codes they quoted ("HTTP 500", "NullPointerException"), never their words, addresses or identifiers.
 */
@ApplicationScoped
public class ResolutionSummary implements ClosingSummary {

    /** The error codes quoted, at most this many: enough to recognise the failure, not a log dump. */
    static final int ERROR_CODES = 5;

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final ConversationSummary summaries;

    ResolutionSummary(Conversations conversations, ConversationTimeline timeline, ConversationSummary summaries) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.summaries = summaries;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public String of(Resolution resolution, List<ResolutionLink> links, List<ResolutionNote> notes) {
        Set<UUID> customers = new LinkedHashSet<>();
        Set<String> channels = new LinkedHashSet<>();
        Set<String> errorCodes = new LinkedHashSet<>();
        for (ResolutionLink link : links) {
            conversations.find(link.conversationId).ifPresent(conversation -> customers.add(conversation.customerId));
            for (Message message : timeline.messagesOf(link.conversationId)) {
                if (!"inbound".equals(message.direction)) {
                    continue;
                }
                channels.add(message.channel);
                Entities.in(message.content == null ? "" : message.content).stream()
                        .filter(entity -> entity.type().equals("error_code"))
                        .forEach(entity -> errorCodes.add(entity.value()));
            }
        }
        StringBuilder text = new StringBuilder("Case ").append(resolution.caseRef).append(" (").append(resolution.issueType)
                .append(", ").append(resolution.owningTeam).append("): ").append(resolution.title).append(". ");
        text.append("Reported by ").append(customers.size()).append(customers.size() == 1 ? " customer" : " customers");
        if (!channels.isEmpty()) {
            text.append(" on ").append(String.join(", ", channels));
        }
        text.append("; ").append(links.size()).append(" linked conversation(s) informed. ");
        if (!errorCodes.isEmpty()) {
            text.append("Errors quoted: ").append(String.join(", ", errorCodes.stream().limit(ERROR_CODES).toList()))
                    .append(". ");
        }
        text.append("Open for ").append(resolution.elapsed(resolution.resolvedAt).toMinutes()).append(" minutes on the clock. ");
        text.append("Root cause: ").append(orNotRecorded(resolution.rootCause)).append(". ");
        text.append("Fix: ").append(orNotRecorded(resolution.fixDescription)).append('.');
        List<String> noteTexts = notes.stream().map(note -> note.content).toList();
        if (!noteTexts.isEmpty()) {
            ConversationSummary.Summary fromNotes = summaries.ofResolutionNotes(resolution.caseRef, noteTexts,
                    resolution.fixDescription != null);
            if (!fromNotes.text().isBlank()) {
                text.append(" From the notes (").append(fromNotes.by()).append("): ").append(fromNotes.text());
            }
        }
        return text.toString();
    }

    private static String orNotRecorded(String value) {
        if (value == null || value.isBlank()) {
            return "not recorded";
        }
        String flat = value.strip();
        return flat.endsWith(".") ? flat.substring(0, flat.length() - 1) : flat;
    }
}
