package io.continuum.firstcontact;

import io.continuum.conversation.Message;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What analysts label next: the inbound messages the classifier was least sure of, recent first among equals,
 * without those someone already labelled. A label is taken from the stored message, never from the caller, and
 * becomes an example tied to that message (a new example-set version the learning report measures), so erasing
 * the customer takes it back.
 */
@ApplicationScoped
public class ReviewQueue {

    private final IntentExamples examples;

    ReviewQueue(IntentExamples examples) {
        this.examples = examples;
    }

    public List<Message> unsureSince(Instant since, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Message.<Message>find("""
                        aiConfidence is not null and createdAt >= ?1
                          and id not in (select e.messageId from IntentExample e where e.messageId is not null)
                        order by aiConfidence, createdAt desc""", since)
                .page(0, limit).list());
    }

    /** The example-set version the label went into. */
    public int label(UUID messageId, Intent intent, boolean p0, String person) {
        String text = QuarkusTransaction.requiringNew().call(() -> {
            Message message = Message.<Message>findByIdOptional(messageId)
                    .filter(found -> "inbound".equals(found.direction))
                    .orElseThrow(() -> ProblemException.notFound("Inbound message", messageId));
            if (IntentExample.count("messageId", messageId) > 0) {
                throw new ProblemException(Problem.of(409, "already-labelled", "Already labelled",
                        "Message " + messageId + " is already an example; revert its version to label it again"));
            }
            if (message.content == null || message.content.isBlank()) {
                throw new ProblemException(Problem.of(409, "nothing-to-learn", "Nothing to learn from",
                        "Message " + messageId + " has no text (attachments only, or its customer was erased)"));
            }
            return message.content;
        });
        return examples.addFromMessage(messageId, new LabelledExample(text, intent, p0), ExampleSource.REVIEW, person);
    }
}
