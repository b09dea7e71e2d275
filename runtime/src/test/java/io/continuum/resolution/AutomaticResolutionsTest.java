package io.continuum.resolution;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kind of problem an automatically opened Resolution tracks, and so which team owns it. */
class AutomaticResolutionsTest {

    @ParameterizedTest(name = "{0} outage={1} -> {2} owned by {3}")
    @CsvSource({
            "bug_technical_defect,       true,  OPS,       infra",
            "transaction_system_failure, true,  OPS,       infra",
            "transaction_system_failure, false, BILLING,   finance",
            "bug_technical_defect,       false, TECHNICAL, engineering",
            "urgent_high_risk,           false, TECHNICAL, engineering",
    })
    void theKindOfProblemNamesTheOwningTeam(String intent, boolean outage, IssueType type, String team) {
        assertThat(AutomaticResolutions.issueType(intent, outage)).isEqualTo(type);
        assertThat(type.defaultTeam().wireName()).isEqualTo(team);
    }
}
