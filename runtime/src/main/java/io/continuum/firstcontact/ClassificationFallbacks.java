package io.continuum.firstcontact;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/** Rule unit of {@code rules/classification-fallbacks.drl}: classifications in, adjustments out. */
public class ClassificationFallbacks implements RuleUnitData {

    private final DataStore<ClassificationFacts> classifications;
    private final DataStore<ClassificationAdjustment> adjustments;

    public ClassificationFallbacks() {
        this(DataSource.createStore(), DataSource.createStore());
    }

    public ClassificationFallbacks(DataStore<ClassificationFacts> classifications,
                                   DataStore<ClassificationAdjustment> adjustments) {
        this.classifications = classifications;
        this.adjustments = adjustments;
    }

    public DataStore<ClassificationFacts> getClassifications() {
        return classifications;
    }

    public DataStore<ClassificationAdjustment> getAdjustments() {
        return adjustments;
    }
}
