package io.continuum.failsafes;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/** Rule unit of {@code rules/ai-failsafes.drl}: proposed actions in, failsafe verdicts out. */
public class AiFailsafes implements RuleUnitData {

    private final DataStore<ProposedAction> actions;
    private final DataStore<FailsafeVerdict> verdicts;

    public AiFailsafes() {
        this(DataSource.createStore(), DataSource.createStore());
    }

    public AiFailsafes(DataStore<ProposedAction> actions, DataStore<FailsafeVerdict> verdicts) {
        this.actions = actions;
        this.verdicts = verdicts;
    }

    public DataStore<ProposedAction> getActions() {
        return actions;
    }

    public DataStore<FailsafeVerdict> getVerdicts() {
        return verdicts;
    }
}
