package io.continuum.decisions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which event types a table's rows can answer at all, read from the table without evaluating it. */
class DmnPolicyTest {

    private static String shippedAutomations() throws IOException {
        return Files.readString(Path.of("../decision-tables/automations.dmn"));
    }

    private static DmnPolicy compile(String source) {
        return (DmnPolicy) new PolicyCompiler(new ObjectMapper()).compile("automations", PolicyKind.DMN, source)
                .policy().orElseThrow();
    }

    /** The shipped table with the row's enabled entry switched on. */
    private static String enabling(String source, String rowId) {
        String off = "<inputEntry id=\"" + rowId + "_i0\"><text>false</text>";
        assertThat(source).contains(off);
        return source.replace(off, "<inputEntry id=\"" + rowId + "_i0\"><text>true</text>");
    }

    @Test
    void everyShippedRowIsSwitchedOffSoNoEventTypeCanFireOne() throws IOException {
        DmnPolicy shipped = compile(shippedAutomations());

        assertThat(shipped.maySelectRowWith("eventType", "time-elapsed")).isFalse();
        assertThat(shipped.maySelectRowWith("eventType", "csat-received")).isFalse();
        assertThat(shipped.maySelectRowWith("eventType", "message-received")).isFalse();
    }

    @Test
    void anEnabledRowAnswersTheEventTypeItNamesAndNoOther() throws IOException {
        DmnPolicy reminder = compile(enabling(shippedAutomations(), "pending_reminder_48h"));

        assertThat(reminder.maySelectRowWith("eventType", "time-elapsed")).isTrue();
        assertThat(reminder.maySelectRowWith("eventType", "csat-received")).isFalse();
    }

    @Test
    void anEntryItCannotReadCountsAsAPossibleMatch() throws IOException {
        String anyType = enabling(shippedAutomations(), "low_csat_tag")
                .replace("<inputEntry id=\"low_csat_tag_i1\"><text>\"csat-received\"</text>",
                        "<inputEntry id=\"low_csat_tag_i1\"><text>-</text>");
        assertThat(compile(anyType).maySelectRowWith("eventType", "assigned")).isTrue();

        String negated = enabling(shippedAutomations(), "low_csat_tag")
                .replace("<inputEntry id=\"low_csat_tag_i1\"><text>\"csat-received\"</text>",
                        "<inputEntry id=\"low_csat_tag_i1\"><text>not(\"assigned\")</text>");
        assertThat(compile(negated).maySelectRowWith("eventType", "sla-breach")).isTrue();

        String listed = enabling(shippedAutomations(), "low_csat_tag")
                .replace("<inputEntry id=\"low_csat_tag_i1\"><text>\"csat-received\"</text>",
                        "<inputEntry id=\"low_csat_tag_i1\"><text>\"assigned\", \"sla-breach\"</text>");
        assertThat(compile(listed).maySelectRowWith("eventType", "sla-breach")).isTrue();
        assertThat(compile(listed).maySelectRowWith("eventType", "time-elapsed")).isFalse();
    }
}
