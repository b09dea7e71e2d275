package io.continuum.firstcontact;

import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Message;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What analysts label next: the inbound messages the classifier was least sure of, recent first among equals,
 * without those someone already labelled. A label is taken from the stored message, never from the caller, and
 * becomes an example tied to that message (a new example-set version the learning report measures) in the same
 * transaction that marks the message labelled, so a message is labelled once and erasing its customer takes the
 * example back.
 */
@ApplicationScoped
public class ReviewQueue {

    private final IntentExamples examples;
    private final ConversationTimeline timeline;
    private final Clock clock;

    ReviewQueue(IntentExamples examples, ConversationTimeline timeline, Clock clock) {
        this.examples = examples;
        this.timeline = timeline;
        this.clock = clock;
    }

    public List<Message> unsureSince(Instant since, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> timeline.leastConfidentUnlabelledSince(since, limit));
    }

    /** The example-set version the label went into. */
    public int label(UUID messageId, Intent intent, boolean p0, String person) {
        int version = QuarkusTransaction.requiringNew().call(() -> {
            Message message = timeline.findMessage(messageId)
                    .filter(found -> "inbound".equals(found.direction))
                    .orElseThrow(() -> ProblemException.notFound("Inbound message", messageId));
            if (message.content == null || message.content.isBlank()) {
                throw new ProblemException(Problem.of(409, "nothing-to-learn", "Nothing to learn from",
                        "Message " + messageId + " has no text (attachments only, or its customer was erased)"));
            }
            if (!timeline.markLabelled(messageId, clock.instant())) {
                throw new ProblemException(Problem.of(409, "already-labelled", "Already labelled",
                        "Message " + messageId + " was labelled already"));
            }
            return examples.storeNextVersion(List.of(new LabelledExample(message.content, intent, p0)), messageId,
                    ExampleSource.REVIEW, person);
        });
        examples.catchUp();
        return version;
    }
}
