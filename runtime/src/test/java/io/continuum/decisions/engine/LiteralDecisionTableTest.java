package io.continuum.decisions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table of literals decided in Java must decide what the engine decides: the same outputs and the same rows, on
 * every shipped table, for inputs drawn from the values its cells name, values next to its numbers, values no cell
 * names, nulls and values of the wrong type. What it does not decide, the engine does.
 */
class LiteralDecisionTableTest {

    private static final Pattern INPUT_DATA = Pattern.compile(
            "<inputData id=\"[^\"]*\" name=\"([^\"]+)\">\\s*<variable [^>]*typeRef=\"([^\"]+)\"");
    private static final Pattern INPUT_ENTRY = Pattern.compile("<inputEntry[^>]*>\\s*<text>([^<]*)</text>");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w\"])-?\\d+(\\.\\d+)?(?![\\w\"])");
    private static final int CASES = 3_000;

    private static DmnPolicy compile(String name, String source) {
        CompilationResult compiled = new PolicyCompiler(new ObjectMapper()).compile(name, PolicyKind.DMN, source);
        return (DmnPolicy) compiled.policy().orElseThrow(() -> new AssertionError(compiled.messages().toString()));
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("../decision-tables/" + name + ".dmn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity", "sla-policy", "channel-reply", "retention-policy", "voice-menu", "automations"})
    void everyShippedTableOfLiteralsDecidesWhatTheEngineDecides(String name) throws IOException {
        String source = shipped(name);
        if ("automations".equals(name)) {
            // shipped switched off; switched on, its rows can be selected
            source = source.replaceAll("(<inputEntry id=\"[a-z0-9_]+_i0\"><text>)false(</text>)", "$1true$2");
        }
        assertDecidesLikeTheEngine(name, source);
    }

    @Test
    void aTableWithExpressionsIsLeftToTheEngine() throws IOException {
        DmnPolicy routing = compile("routing", shipped("routing"));

        assertThat(routing.isLiteralTable()).isFalse();
        assertThat(routing.evaluate(Map.of("intent", "how_to_guidance", "severity", "P3", "tier", "free",
                "channel", "email", "language", "es")).outputs().get("routing"))
                .asString().contains("lang-es");
    }

    @Test
    void negationsComparisonsNullsAndEveryHitPolicyDecideLikeTheEngine() {
        for (String hitPolicy : List.of("UNIQUE", "FIRST", "PRIORITY", "COLLECT")) {
            assertDecidesLikeTheEngine("probe", probe(hitPolicy));
        }
    }

    @Test
    void twoRowsMatchingAUniqueTableAreTheEnginesErrorToReport() {
        DmnPolicy unique = compile("probe", probe("UNIQUE"));
        Map<String, Object> overlapping = new HashMap<>(Map.of("kind", "a", "amount", 5, "flag", true));

        assertThat(unique.isLiteralTable()).isTrue();
        assertThat(unique.evaluateLiterally(overlapping)).isEmpty();
        assertThatThrownBy(() -> unique.evaluate(overlapping)).isInstanceOf(PolicyEvaluationException.class);
    }

    @Test
    void aMissingInputOrAValueOfAnotherTypeIsLeftToTheEngine() throws IOException {
        DmnPolicy severity = compile("severity", shipped("severity"));
        Map<String, Object> complete = new HashMap<>(Map.of("intent", "how_to_guidance", "moneySignal", false,
                "securitySignal", false, "legalSignal", false, "outageSignal", false, "tier", "free", "sentiment", 0.2));
        assertThat(severity.evaluateLiterally(complete)).isPresent();

        Map<String, Object> missing = new HashMap<>(complete);
        missing.remove("tier");
        assertThat(severity.evaluateLiterally(missing)).isEmpty();

        Map<String, Object> textForANumber = new HashMap<>(complete);
        textForANumber.put("sentiment", "-0.9");
        assertThat(severity.evaluateLiterally(textForANumber)).isEmpty();
        assertThat(severity.evaluate(textForANumber)).isEqualTo(severity.evaluateWithEngine(textForANumber));
    }

    /**
     * A table of every kind of cell this class reads, with rows that overlap. PRIORITY needs the allowed values of
     * every output, and durations have none literal: its table keeps the level and the score.
     */
    private static String probe(String hitPolicy) {
        String table = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="probe" name="probe"
                             namespace="https://continuum.io/dmn/probe">
                  <inputData id="kind" name="kind"><variable id="kind_var" name="kind" typeRef="string"/></inputData>
                  <inputData id="amount" name="amount"><variable id="amount_var" name="amount" typeRef="number"/></inputData>
                  <inputData id="flag" name="flag"><variable id="flag_var" name="flag" typeRef="boolean"/></inputData>
                  <decision id="probe_decision" name="probe">
                    <variable id="probe_var" name="probe" typeRef="Any"/>
                    <informationRequirement id="ir_kind"><requiredInput href="#kind"/></informationRequirement>
                    <informationRequirement id="ir_amount"><requiredInput href="#amount"/></informationRequirement>
                    <informationRequirement id="ir_flag"><requiredInput href="#flag"/></informationRequirement>
                    <decisionTable id="probe_table" hitPolicy="%s">
                      <input id="in_on"><inputExpression id="in_on_expr" typeRef="boolean"><text>true</text></inputExpression></input>
                      <input id="in_kind"><inputExpression id="in_kind_expr" typeRef="string"><text>kind</text></inputExpression></input>
                      <input id="in_amount"><inputExpression id="in_amount_expr" typeRef="number"><text>amount</text></inputExpression></input>
                      <input id="in_flag"><inputExpression id="in_flag_expr" typeRef="boolean"><text>flag</text></inputExpression></input>
                      <output id="out_level" name="level" typeRef="string">
                        <outputValues id="out_level_values"><text>"high","medium","low"</text></outputValues>
                      </output>
                      <output id="out_wait" name="wait" typeRef="days and time duration"/>
                      <output id="out_score" name="score" typeRef="number"/>
                      <rule id="r1"><description>a or b, small</description>
                        <inputEntry id="r1_i0"><text>true</text></inputEntry><inputEntry id="r1_i1"><text>"a","b"</text></inputEntry>
                        <inputEntry id="r1_i2"><text>&lt; 10</text></inputEntry><inputEntry id="r1_i3"><text>-</text></inputEntry>
                        <outputEntry id="r1_o0"><text>"low"</text></outputEntry><outputEntry id="r1_o1"><text>duration("PT4H")</text></outputEntry>
                        <outputEntry id="r1_o2"><text>1</text></outputEntry></rule>
                      <rule id="r2"><description>not a, at least 10</description>
                        <inputEntry id="r2_i0"><text>true</text></inputEntry><inputEntry id="r2_i1"><text>not("a")</text></inputEntry>
                        <inputEntry id="r2_i2"><text>&gt;= 10, -1</text></inputEntry><inputEntry id="r2_i3"><text>true</text></inputEntry>
                        <outputEntry id="r2_o0"><text>"high"</text></outputEntry><outputEntry id="r2_o1"><text>duration("P1DT2H")</text></outputEntry>
                        <outputEntry id="r2_o2"><text>2.50</text></outputEntry></rule>
                      <rule id="r3"><description>switched off</description>
                        <inputEntry id="r3_i0"><text>false</text></inputEntry><inputEntry id="r3_i1"><text>-</text></inputEntry>
                        <inputEntry id="r3_i2"><text>-</text></inputEntry><inputEntry id="r3_i3"><text>-</text></inputEntry>
                        <outputEntry id="r3_o0"><text>"high"</text></outputEntry><outputEntry id="r3_o1"><text>null</text></outputEntry>
                        <outputEntry id="r3_o2"><text>3</text></outputEntry></rule>
                      <rule id="r4"><description>no kind, or a flag set, at most 5</description>
                        <inputEntry id="r4_i0"><text>true</text></inputEntry><inputEntry id="r4_i1"><text>null, "a"</text></inputEntry>
                        <inputEntry id="r4_i2"><text>&lt;= 5, &gt; 100</text></inputEntry><inputEntry id="r4_i3"><text>not(false)</text></inputEntry>
                        <outputEntry id="r4_o0"><text>"medium"</text></outputEntry><outputEntry id="r4_o1"><text>null</text></outputEntry>
                        <outputEntry id="r4_o2"><text>-4</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(hitPolicy);
        if (!"PRIORITY".equals(hitPolicy)) {
            return table;
        }
        return table.replaceAll("<output id=\"out_wait\"[^>]*/>", "")
                .replaceAll("<outputEntry id=\"r\\d_o1\"><text>[^<]*</text></outputEntry>", "")
                .replace("<output id=\"out_score\" name=\"score\" typeRef=\"number\"/>", "<output id=\"out_score\" name=\"score\" "
                        + "typeRef=\"number\"><outputValues id=\"out_score_values\"><text>3, 2.50, 1, -4</text></outputValues></output>");
    }

    private static void assertDecidesLikeTheEngine(String name, String source) {
        DmnPolicy policy = compile(name, source);
        assertThat(policy.isLiteralTable()).as("%s is read as a table of literals", name).isTrue();
        Map<String, List<Object>> candidates = candidateValues(source);
        List<Object> wrongTypes = List.of("3", 7, true, List.of("vip"));
        Random random = new Random(20261206L ^ name.hashCode());
        int decided = 0;
        Set<String> rowsSeen = new LinkedHashSet<>();
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> inputs = new HashMap<>();
            candidates.forEach((input, values) -> inputs.put(input, random.nextInt(40) == 0
                    ? wrongTypes.get(random.nextInt(wrongTypes.size()))
                    : values.get(random.nextInt(values.size()))));
            Optional<Evaluation> literal = policy.evaluateLiterally(inputs);
            Evaluation engine;
            try {
                engine = policy.evaluateWithEngine(inputs);
            } catch (PolicyEvaluationException error) {
                assertThat(literal).as("the engine refused %s", inputs).isEmpty();
                continue;
            }
            if (literal.isPresent()) {
                decided++;
                assertThat(literal.get()).as("%s with %s", name, inputs).isEqualTo(engine);
                literal.get().fired().forEach(row -> rowsSeen.add(row.id()));
            }
        }
        assertThat(decided).as("cases of %s decided in Java", name).isGreaterThan(CASES * 3 / 4);
        assertThat(rowsSeen).as("rows of %s selected", name).isNotEmpty();
    }

    /** Per input: the values its cells name, numbers next to theirs, a value no cell names, and null. */
    private static Map<String, List<Object>> candidateValues(String source) {
        Set<String> strings = new LinkedHashSet<>();
        Set<BigDecimal> numbers = new LinkedHashSet<>();
        Matcher entry = INPUT_ENTRY.matcher(source);
        while (entry.find()) {
            String text = entry.group(1).replace("&lt;", "<").replace("&gt;", ">");
            STRING.matcher(text).results().forEach(m -> strings.add(m.group(1)));
            NUMBER.matcher(text.replaceAll("\"[^\"]*\"", "")).results().forEach(m -> numbers.add(new BigDecimal(m.group())));
        }
        List<Object> numberValues = new ArrayList<>();
        for (BigDecimal number : numbers) {
            numberValues.add(number.intValue());
            numberValues.add(number.doubleValue() + 0.5);
            numberValues.add(number.subtract(BigDecimal.ONE).doubleValue());
            numberValues.add(number.add(BigDecimal.ONE).longValue());
            numberValues.add(number);
        }
        numberValues.add(0);
        Map<String, List<Object>> candidates = new LinkedHashMap<>();
        Matcher input = INPUT_DATA.matcher(source);
        while (input.find()) {
            List<Object> values = new ArrayList<>();
            switch (input.group(2)) {
                case "string" -> {
                    values.addAll(strings);
                    values.add("none-of-these");
                }
                case "boolean" -> values.addAll(List.of(true, false, true, false));
                case "number" -> values.addAll(numberValues);
                default -> values.addAll(List.of(List.of(), List.of("vip"), List.of("vip", "late")));
            }
            values.add(null);
            candidates.put(input.group(1), values);
        }
        return candidates;
    }
}
