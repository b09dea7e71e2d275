package io.continuum.retention;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.conversation.Conversation;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.identity.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code retention-policy} decision table (decision-tables/retention-policy.dmn): keep a
 * conversation, redact its content, or erase its customer. Its inputs are built here and nowhere else.
 */
@ApplicationScoped
public class RetentionPolicy {

    public static final String NAME = "retention-policy";
    private static final TypeReference<Map<String, Object>> CONTEXT = new TypeReference<>() {
    };

    /** What retention-policy.dmn reads, named as its input columns. */
    public record Inputs(String channel, String state, String tier, long ageInDays) {

        /** A conversation as it stands at {@code now}: its age counts whole days since its last activity. */
        public static Inputs of(Conversation conversation, Customer customer, Instant now) {
            return new Inputs(conversation.currentChannel, conversation.state, customer.tier,
                    Duration.between(conversation.updatedAt, now).toDays());
        }
    }

    /** The outcome and the evaluation it came from (live version, rows fired, duration), not yet logged. */
    public record Decided(RetentionOutcome outcome, Decision evaluation) {
    }

    private final DecisionService decisions;
    private final ObjectMapper objectMapper;

    RetentionPolicy(DecisionService decisions, ObjectMapper objectMapper) {
        this.decisions = decisions;
        this.objectMapper = objectMapper;
    }

    /**
     * Evaluates the live version. It is logged by {@link #log} once applied: erasing a customer forgets the
     * inputs of every decision logged about them before, and this decision must keep its own to be explained.
     */
    public Decided decide(Inputs inputs) {
        Decision evaluation = decisions.tryLive(NAME, inputs);
        return new Decided(RetentionOutcome.fromOutput(evaluation.output(NAME)), evaluation);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void log(Decided decided, Inputs inputs, UUID conversationId) {
        Decision evaluation = decided.evaluation();
        decisions.recordOnFacts(NAME, evaluation.version(), conversationId, inputs, evaluation.outputs(), evaluation.fired(),
                evaluation.durationMicros());
    }

    /** The inputs as the policy's FEEL context (for simulating a version on today's conversations). */
    Map<String, Object> context(Inputs inputs) {
        return objectMapper.convertValue(inputs, CONTEXT);
    }
}
