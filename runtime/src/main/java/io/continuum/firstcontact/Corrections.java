package io.continuum.firstcontact;

import io.continuum.conversation.Conversation;
import io.continuum.audit.Actor;
import io.continuum.conversation.Correction;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The learning loop: a person's correction overrides the AI for that conversation (and is
 * audited), a corrected intent becomes a labelled example from the conversation's first message,
 * and every correction counts toward the AI override rate ({@code continuum_ai_overrides_total}).
 */
@ApplicationScoped
public class Corrections {

    private static final Set<String> SEVERITIES = Set.of("P0", "P1", "P2", "P3");

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final IntentExamples examples;
    private final MeterRegistry meters;

    Corrections(Conversations conversations, ConversationTimeline timeline, IntentExamples examples, MeterRegistry meters) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.examples = examples;
        this.meters = meters;
    }

    public record Result(UUID conversationId, String intent, String severity, String queue, Integer exampleSetVersion) {
    }

    public Result correct(UUID conversationId, String intent, String severity, String queue, String person) {
        Optional<Intent> correctedIntent = Optional.ofNullable(intent).map(value -> Intent.ofWireName(value)
                .orElseThrow(() -> invalid("intent", "must be one of " + Arrays.stream(Intent.values()).map(Intent::wireName).toList())));
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw invalid("severity", "must be one of P0, P1, P2, P3");
        }
        Optional<Message> firstMessage = QuarkusTransaction.requiringNew().call(() -> {
            Correction correction = new Correction(correctedIntent.map(Intent::wireName), Optional.ofNullable(severity),
                    Optional.ofNullable(queue));
            conversations.change(conversationId, (conversation, now) -> conversation.correct(correction, Actor.human(person), now));
            return timeline.firstInbound(conversationId).filter(message -> message.content != null && !message.content.isBlank());
        });
        Integer version = correctedIntent.flatMap(i -> firstMessage.map(message -> examples.addFromMessage(message.id,
                        new LabelledExample(message.content, i, "P0".equals(severity)), ExampleSource.CORRECTION, person)))
                .orElse(null);
        meters.counter("continuum_ai_overrides_total", "field",
                intent != null ? "intent" : severity != null ? "severity" : "queue").increment();
        Conversation corrected = QuarkusTransaction.requiringNew().call(() -> conversations.require(conversationId));
        return new Result(conversationId, corrected.intent, corrected.severity, corrected.queue, version);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Bad Request", "Invalid correction")
                .withErrors(List.of(Problem.FieldError.ofField(field, message))));
    }
}
