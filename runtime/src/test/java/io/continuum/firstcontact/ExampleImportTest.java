package io.continuum.firstcontact;

import io.continuum.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExampleImportTest {

    @Test
    void csvWithQuotedCommasNewlinesAndExtraColumns() {
        String csv = "id,TEXT,label,intent\r\n"
                + "1,\"Hi, my card was stolen\",x,urgent_high_risk\r\n"
                + "\r\n"
                + "2,\"The app says \"\"error\"\"\nwhen I log in\",y,bug_technical_defect\r\n";
        assertThat(ExampleImport.fromCsv(csv)).containsExactly(
                new LabelledExample("Hi, my card was stolen", Intent.URGENT_HIGH_RISK, false),
                new LabelledExample("The app says \"error\"\nwhen I log in", Intent.BUG_TECHNICAL_DEFECT, false));
    }

    @Test
    void csvP0ColumnIsOptional() {
        assertThat(ExampleImport.fromCsv("text,intent,p0\nI was charged twice,transaction_system_failure,true\n"))
                .containsExactly(new LabelledExample("I was charged twice", Intent.TRANSACTION_SYSTEM_FAILURE, true));
    }

    @Test
    void csvWithoutHeaderIsRefused() {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> ExampleImport.fromCsv("How do I pay?,how_to_guidance\n"));
        assertThat(problem.problem().status()).isEqualTo(400);
        assertThat(problem.problem().detail()).contains("header row");
    }

    @Test
    void badRowsAreNamedByLineAndField() {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> ExampleImport.fromCsv(
                "text,intent\nHow do I pay?,how_to_guidance\n,noise_low_intent\nMy app crashes,crash\n"));
        assertThat(problem.problem().errors()).extracting(e -> e.line() + ":" + e.field())
                .containsExactly("3:text", "4:intent");
    }

    @Test
    void jsonErrorsNameTheIndex() {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> ExampleImport.fromJson(List.of(
                Map.of("text", "Hello", "intent", "noise_low_intent"), Map.of("text", "Hi", "intent", "greeting"))));
        assertThat(problem.problem().errors()).extracting(e -> e.field()).containsExactly("[1].intent");
    }
}
