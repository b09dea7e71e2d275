package io.continuum.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.engine.CompilationResult;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.platform.NativeStatements;
import io.continuum.privacy.SealedJson;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one path of every automated decision: evaluates the live published version of the named
 * policy and records inputs, outputs, fired rows or rules, version and duration in the decision log. The
 * inputs of a decision about a conversation are sealed under its customer's data key: they quote them.
 */
@ApplicationScoped
public class DecisionService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final LivePolicies livePolicies;
    private final PolicyStore store;
    private final PolicyCompiler compiler;
    private final ObjectMapper objectMapper;
    private final Conversations conversations;
    private final SealedJson sealedJson;
    private final EntityManager entityManager;
    private final Clock clock;

    DecisionService(LivePolicies livePolicies, PolicyStore store, PolicyCompiler compiler, ObjectMapper objectMapper,
                    Conversations conversations, SealedJson sealedJson, EntityManager entityManager, Clock clock) {
        this.livePolicies = livePolicies;
        this.store = store;
        this.compiler = compiler;
        this.objectMapper = objectMapper;
        this.conversations = conversations;
        this.sealedJson = sealedJson;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Decides with the live version and logs the decision in the caller's transaction (or its own).
     * {@code inputs} is a record whose component names are the policy's inputs, or a map of them.
     */
    @Transactional
    public Decision decide(String policy, Object inputs, UUID conversationId) {
        LivePolicies.LivePolicy live = livePolicies.get(policy)
                .orElseThrow(() -> ProblemException.notFound("Live policy", policy));
        Map<String, Object> plainInputs = objectMapper.convertValue(inputs, MAP);
        long started = System.nanoTime();
        Evaluation evaluation = live.compiled().evaluate(plainInputs);
        long durationMicros = (System.nanoTime() - started) / 1_000;

        UUID logged = log(policy, live.version(), plainInputs, evaluation.outputs(), evaluation.fired(),
                durationMicros, conversationId, true);
        return new Decision(logged, policy, live.version(), evaluation.outputs(), evaluation.fired(), durationMicros);
    }

    /**
     * Logs a decision made by code rather than by a DMN/DRL policy (picking the agent for a conversation,
     * judging a suspected root cause), so it is explained alongside the others, or one evaluated with
     * {@link #tryLive} whose outcome had to be applied before it could be logged (retention erasing a customer).
     * {@code decider} names the algorithm and {@code version} its version; {@code fired} says what decided the
     * outcome. Inputs and outputs are logged as their JSON.
     * @return the logged decision's id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String decider, int version, UUID conversationId, Object inputs, Object outputs,
                       List<Evaluation.FiredRule> fired, long durationMicros) {
        return log(decider, version, objectMapper.convertValue(inputs, MAP), objectMapper.convertValue(outputs, MAP),
                fired, durationMicros, conversationId, true);
    }

    /**
     * Logs, like {@link #record}, a decision whose inputs are facts about a conversation and never the customer's
     * words (retention: channel, state, tier, age): stored in clear, so the decision stays explainable after the
     * customer it erased is gone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordOnFacts(String decider, int version, UUID conversationId, Object inputs, Object outputs,
                              List<Evaluation.FiredRule> fired, long durationMicros) {
        return log(decider, version, objectMapper.convertValue(inputs, MAP), objectMapper.convertValue(outputs, MAP),
                fired, durationMicros, conversationId, false);
    }

    /** Evaluates the live version without logging: for people trying inputs out, not a decision about anyone. */
    public Decision tryLive(String policy, Object inputs) {
        LivePolicies.LivePolicy live = livePolicies.get(policy)
                .orElseThrow(() -> ProblemException.notFound("Live policy", policy));
        long started = System.nanoTime();
        Evaluation evaluation = live.compiled().evaluate(objectMapper.convertValue(inputs, MAP));
        return new Decision(null, policy, live.version(), evaluation.outputs(), evaluation.fired(),
                (System.nanoTime() - started) / 1_000);
    }

    /** Evaluates a given version (live or not) without logging: for trying a draft out. */
    public Evaluation tryVersion(String policy, int version, Object inputs) {
        Policy stored = store.requirePolicy(policy);
        PolicyVersion source = store.requireVersion(policy, version);
        CompilationResult result = compiler.compile(policy, stored.policyKind(), source.source);
        if (!result.succeeded()) {
            throw PolicyStore.invalid(policy, result.messages());
        }
        return result.policy().orElseThrow().evaluate(objectMapper.convertValue(inputs, MAP));
    }

    /**
     * One insert, not an entity: a persisted record would stay in the deciding transaction's session, and Hibernate
     * reads every attribute of every entity there before each later query of the transaction (first contact
     * decides five times or more in one).
     */
    private UUID log(String decider, int version, Map<String, Object> inputs, Map<String, Object> outputs,
                     List<Evaluation.FiredRule> fired, long durationMicros, UUID conversationId,
                     boolean inputsQuoteTheCustomer) {
        UUID id = UUID.randomUUID();
        NativeQuery<?> insert = NativeStatements.touching(entityManager, """
                        INSERT INTO decision_log (id, policy_name, policy_version, conversation_id, inputs, outputs, fired,
                            duration_micros, evaluated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), CAST(?7 AS jsonb), ?8, ?9)""", "decision_log")
                .unwrap(NativeQuery.class);
        insert.setParameter(1, id)
                .setParameter(2, decider)
                .setParameter(3, version)
                .setParameter(4, conversationId, UUID.class)
                .setParameter(5, inputsQuoteTheCustomer ? sealedIfAboutACustomer(inputs, conversationId) : json(inputs))
                .setParameter(6, json(outputs))
                .setParameter(7, json(fired.stream().map(rule -> objectMapper.convertValue(rule, MAP)).toList()))
                .setParameter(8, durationMicros)
                .setParameter(9, clock.instant())
                .executeUpdate();
        return id;
    }

    private String sealedIfAboutACustomer(Map<String, Object> inputs, UUID conversationId) {
        Optional<UUID> customerId = Optional.ofNullable(conversationId).flatMap(conversations::find)
                .map(conversation -> conversation.customerId);
        return customerId.isPresent() ? sealedJson.seal(customerId.get(), inputs) : json(inputs);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Decision inputs and outputs are not writable as JSON", e);
        }
    }

    /** The inputs of the latest decision {@code policy} logged about the conversation, read as {@code type}; empty once erased. */
    public <T> Optional<T> lastInputs(UUID conversationId, String policy, Class<T> type) {
        return decisionsOf(conversationId).stream()
                .filter(record -> policy.equals(record.policyName))
                .reduce((first, second) -> second)
                .filter(record -> !record.inputsErased)
                .map(record -> objectMapper.convertValue(record.inputs, type));
    }

    public List<DecisionRecord> decisionsOf(UUID conversationId) {
        return DecisionRecord.list("conversationId = ?1 order by evaluatedAt", conversationId);
    }
}
