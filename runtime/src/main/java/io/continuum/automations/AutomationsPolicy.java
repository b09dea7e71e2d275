package io.continuum.automations;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.LivePolicies;
import io.continuum.decisions.engine.DmnPolicy;
import io.continuum.decisions.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code automations} decision table (decision-tables/automations.dmn): which automations fire on an
 * event or a time pass, and what each asks for. Its inputs are built by {@link AutomationFacts} and nowhere else.
 */
@ApplicationScoped
public class AutomationsPolicy {

    public static final String NAME = "automations";

    /** What automations.dmn reads, named as its input columns. */
    public record Facts(String eventType, String channel, String state, String tier, String intent, String severity,
                        String queue, List<String> tags, String language, boolean businessHours,
                        long hoursSinceCustomerMessage, long hoursSinceAgentMessage, long hoursInState, double sentiment,
                        Integer csatScore) {
    }

    /** One fired row: its id in the table, the automation it belongs to, and the action it asks for. */
    public record Fired(String rowId, String description, String automation, String action, String argument) {
    }

    /** What the live version decided, as logged under {@code decisionId}. */
    public record Verdict(UUID decisionId, int version, List<Fired> fired) {
    }

    private final DecisionService decisions;
    private final LivePolicies live;

    AutomationsPolicy(DecisionService decisions, LivePolicies live) {
        this.decisions = decisions;
        this.live = live;
    }

    /**
     * Whether a row of the live version could fire on this event type: false when every row that names it is
     * switched off (as every shipped time-elapsed row is), so a pass over every open conversation can be skipped.
     */
    public boolean mayFireOn(String eventType) {
        return live.get(NAME).map(policy -> !(policy.compiled() instanceof DmnPolicy table)
                || table.maySelectRowWith("eventType", eventType)).orElse(true);
    }

    /** Decides with the live version and logs the decision (inputs, fired rows, version, duration). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Verdict decide(Facts facts, UUID conversationId) {
        Decision decision = decisions.decide(NAME, facts, conversationId);
        return new Verdict(decision.id(), decision.version(), fired(decision));
    }

    /**
     * Evaluates the live version without logging: the time pass evaluates every unresolved conversation each
     * minute and logs ({@link #log}) only the evaluations that fire a row in a new window.
     */
    public Decision evaluate(Facts facts) {
        return decisions.tryLive(NAME, facts);
    }

    /** The fired rows of an evaluation, each with the action it asks for. */
    public static List<Fired> fired(Decision evaluation) {
        return fired(evaluation.output(NAME), evaluation.fired());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID log(Facts facts, Decision evaluation, UUID conversationId) {
        return decisions.record(NAME, evaluation.version(), conversationId, facts, evaluation.outputs(),
                evaluation.fired(), evaluation.durationMicros());
    }

    /**
     * COLLECT yields one output per selected row, in row order, as the listener reports the rows: the two lists
     * are zipped, so every action knows the row that asked for it.
     */
    static List<Fired> fired(Object outputs, List<Evaluation.FiredRule> rows) {
        List<?> collected = outputs instanceof List<?> list ? list : outputs == null ? List.of() : List.of(outputs);
        if (collected.size() != rows.size()) {
            throw new IllegalStateException("automations selected " + rows.size() + " rows but output "
                    + collected.size() + " actions");
        }
        List<Fired> fired = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> output = (Map<?, ?>) collected.get(i);
            fired.add(new Fired(rows.get(i).id(), rows.get(i).description(), text(output.get("automation")),
                    text(output.get("action")), text(output.get("argument"))));
        }
        return fired;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
