package io.continuum.routing;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/** Rule unit of {@code rules/escalation-triggers.drl}: conversation signals in, triggers out. */
public class EscalationTriggers implements RuleUnitData {

    private final DataStore<ConversationSignals> signals;
    private final DataStore<EscalationTrigger> triggers;

    public EscalationTriggers() {
        this(DataSource.createStore(), DataSource.createStore());
    }

    public EscalationTriggers(DataStore<ConversationSignals> signals, DataStore<EscalationTrigger> triggers) {
        this.signals = signals;
        this.triggers = triggers;
    }

    public DataStore<ConversationSignals> getSignals() {
        return signals;
    }

    public DataStore<EscalationTrigger> getTriggers() {
        return triggers;
    }
}
