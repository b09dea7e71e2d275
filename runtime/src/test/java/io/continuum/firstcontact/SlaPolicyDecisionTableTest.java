package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins decision-tables/sla-policy.dmn row by row through the endpoint Kogito generates from it
 * ({@code POST /sla-policy}), then checks the promises that hold across the whole input space.
 * The endpoint returns the durations as ISO-8601 strings ("PT5M", "PT120H"); they are compared
 * as parsed {@link Duration}s.
 */
@QuarkusTest
class SlaPolicyDecisionTableTest {

    private static final String MODEL = "../decision-tables/sla-policy.dmn";
    private static final List<String> SEVERITIES = List.of("P0", "P1", "P2", "P3");
    private static final List<String> TIERS = List.of("enterprise", "premium", "standard", "free");
    private static final List<String> REAL_TIME = List.of("web_chat", "voice", "whatsapp");
    private static final List<String> ASYNC = List.of("email", "messenger", "instagram", "x", "sms");

    /** The sla-policy structure of one evaluation. */
    record Sla(Duration firstResponseDue, Duration nextResponseDue, Duration resolutionDue,
               Duration proactiveUpdateInterval, double warningThreshold, String calendar) {
    }

    static JsonPath evaluate(String tier, String severity, String channel) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("tier", tier);
        inputs.put("severity", severity);
        inputs.put("channel", channel);
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(inputs)
                .when().post("/sla-policy")
                .then().statusCode(200)
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** The model is fixed for the test run, so each combination is asked once. */
    private static final Map<String, Sla> EVALUATED = new ConcurrentHashMap<>();

    static Sla sla(String tier, String severity, String channel) {
        return EVALUATED.computeIfAbsent(tier + "|" + severity + "|" + channel, key -> evaluateSla(tier, severity, channel));
    }

    private static Sla evaluateSla(String tier, String severity, String channel) {
        Map<String, Object> sla = evaluate(tier, severity, channel).getMap("'sla-policy'");
        return new Sla(Duration.parse((String) sla.get("firstResponseDue")), Duration.parse((String) sla.get("nextResponseDue")),
                Duration.parse((String) sla.get("resolutionDue")), Duration.parse((String) sla.get("proactiveUpdateInterval")),
                ((Number) sla.get("warningThreshold")).doubleValue(), (String) sla.get("calendar"));
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @CsvSource({
            // row,                            severity, tier,       channel,    first,  next,   resolution, update, warning, calendar
            "p0_enterprise_premium_real_time,  P0,       enterprise, voice,      PT5M,   PT15M,  PT4H,       PT30M,  0.5,     24x7",
            "p0_enterprise_premium_async,      P0,       premium,    email,      PT15M,  PT30M,  PT4H,       PT30M,  0.5,     24x7",
            "p0_standard_real_time,            P0,       standard,   web_chat,   PT10M,  PT30M,  PT8H,       PT1H,   0.5,     24x7",
            "p0_standard_async,                P0,       standard,   sms,        PT30M,  PT1H,   PT8H,       PT1H,   0.5,     24x7",
            "p0_free_real_time,                P0,       free,       whatsapp,   PT15M,  PT1H,   PT12H,      PT1H,   0.5,     24x7",
            "p0_free_async,                    P0,       free,       x,          PT45M,  PT1H,   PT12H,      PT1H,   0.5,     24x7",
            "p1_enterprise_premium_real_time,  P1,       premium,    web_chat,   PT15M,  PT1H,   PT8H,       PT1H,   0.6,     24x7",
            "p1_enterprise_premium_async,      P1,       enterprise, messenger,  PT30M,  PT2H,   PT8H,       PT1H,   0.6,     24x7",
            "p1_standard_real_time,            P1,       standard,   voice,      PT30M,  PT2H,   PT24H,      PT2H,   0.6,     24x7",
            "p1_standard_async,                P1,       standard,   email,      PT1H,   PT4H,   PT24H,      PT2H,   0.6,     24x7",
            "p1_free_real_time,                P1,       free,       web_chat,   PT1H,   PT4H,   PT24H,      PT4H,   0.6,     business-hours",
            "p1_free_async,                    P1,       free,       instagram,  PT4H,   PT8H,   PT24H,      PT4H,   0.6,     business-hours",
            "p2_enterprise_premium_real_time,  P2,       enterprise, whatsapp,   PT1H,   PT4H,   PT24H,      PT8H,   0.75,    24x7",
            "p2_enterprise_premium_async,      P2,       premium,    email,      PT2H,   PT8H,   PT24H,      PT8H,   0.75,    24x7",
            "p2_standard_real_time,            P2,       standard,   web_chat,   PT2H,   PT8H,   PT40H,      PT12H,  0.75,    business-hours",
            "p2_standard_async,                P2,       standard,   x,          PT4H,   PT12H,  PT40H,      PT12H,  0.75,    business-hours",
            "p2_free_real_time,                P2,       free,       voice,      PT4H,   PT16H,  PT80H,      PT12H,  0.75,    business-hours",
            "p2_free_async,                    P2,       free,       email,      PT8H,   PT16H,  PT80H,      PT12H,  0.75,    business-hours",
            "p3_enterprise_premium_real_time,  P3,       enterprise, web_chat,   PT2H,   PT8H,   PT40H,      PT12H,  0.8,     business-hours",
            "p3_enterprise_premium_async,      P3,       premium,    sms,        PT4H,   PT8H,   PT40H,      PT12H,  0.8,     business-hours",
            "p3_standard_real_time,            P3,       standard,   whatsapp,   PT4H,   PT16H,  PT80H,      PT12H,  0.8,     business-hours",
            "p3_standard_async,                P3,       standard,   messenger,  PT8H,   PT16H,  PT80H,      PT12H,  0.8,     business-hours",
            "p3_free_real_time,                P3,       free,       voice,      PT8H,   PT24H,  PT120H,     PT12H,  0.8,     business-hours",
            "p3_free_async,                    P3,       free,       email,      PT16H,  PT24H,  PT120H,     PT12H,  0.8,     business-hours",
    })
    void decidesTheTargetsOfEachRow(String row, String severity, String tier, String channel, String first, String next,
                                    String resolution, String update, double warning, String calendar) {
        assertThat(sla(tier, severity, channel)).as(row).isEqualTo(new Sla(Duration.parse(first), Duration.parse(next),
                Duration.parse(resolution), Duration.parse(update), warning, calendar));
    }

    @Test
    void durationsComeBackAsIsoStringsAndTheThresholdAsANumber() {
        JsonPath result = evaluate("free", "P3", "email");
        assertThat(result.getString("'sla-policy'.firstResponseDue")).isEqualTo("PT16H");
        assertThat(result.getString("'sla-policy'.resolutionDue")).isEqualTo("PT120H");
        assertThat(result.getString("'sla-policy'.proactiveUpdateInterval")).isEqualTo("PT12H");
        assertThat(result.get("'sla-policy'.warningThreshold") instanceof Number).isTrue();
        assertThat(result.getString("'sla-policy'.calendar")).isEqualTo("business-hours");
        assertThat(evaluate("premium", "P0", "web_chat").getString("'sla-policy'.firstResponseDue")).isEqualTo("PT5M");
    }

    @Test
    void unknownInputsGetTheCautiousRow() {
        assertThat(sla("free", null, "email")).as("no severity is treated as P2").isEqualTo(sla("free", "P2", "email"));
        assertThat(sla("platinum", "P1", "email")).as("an unknown tier is treated as free").isEqualTo(sla("free", "P1", "email"));
        assertThat(sla(null, "P1", "email")).as("no tier is treated as free").isEqualTo(sla("free", "P1", "email"));
        assertThat(sla("standard", "P1", "fax")).as("an unknown channel is asynchronous").isEqualTo(sla("standard", "P1", "email"));
        assertThat(sla("standard", "P1", null)).as("no channel is asynchronous").isEqualTo(sla("standard", "P1", "email"));
    }

    /** Every severity x tier x channel (128 combinations) keeps the product's promises. */
    @Test
    void everyCombinationKeepsThePromises() {
        Duration twelveHours = Duration.ofHours(12);
        for (String severity : SEVERITIES) {
            for (String tier : TIERS) {
                for (String channel : concat(REAL_TIME, ASYNC)) {
                    String inputs = String.join(" ", severity, tier, channel);
                    Sla sla = sla(tier, severity, channel);
                    assertThat(sla.proactiveUpdateInterval()).as("an update at least every 12 h: " + inputs)
                            .isPositive().isLessThanOrEqualTo(twelveHours);
                    assertThat(sla.firstResponseDue()).as(inputs).isPositive().isLessThanOrEqualTo(sla.nextResponseDue());
                    assertThat(sla.nextResponseDue()).as(inputs).isLessThanOrEqualTo(sla.resolutionDue());
                    assertThat(sla.warningThreshold()).as(inputs).isGreaterThan(0).isLessThan(1);
                    assertThat(sla.calendar()).as(inputs).isIn("24x7", "business-hours");
                    if (severity.equals("P0")) {
                        assertThat(sla.firstResponseDue()).as("P0 is answered in minutes: " + inputs).isLessThan(Duration.ofHours(1));
                        assertThat(sla.calendar()).as("P0 never waits for office hours: " + inputs).isEqualTo("24x7");
                    }
                }
            }
        }
    }

    @Test
    void realTimeChannelsGetAFasterFirstResponseThanAsynchronousOnes() {
        for (String severity : SEVERITIES) {
            for (String tier : TIERS) {
                for (String realTime : REAL_TIME) {
                    for (String async : ASYNC) {
                        assertThat(sla(tier, severity, realTime).firstResponseDue()).as(severity + " " + tier + " " + realTime + " vs " + async)
                                .isLessThan(sla(tier, severity, async).firstResponseDue());
                    }
                }
            }
        }
    }

    @Test
    void higherTiersAndHigherSeveritiesAreNeverSlower() {
        for (String channel : List.of("web_chat", "email")) {
            for (String severity : SEVERITIES) {
                for (int i = 1; i < TIERS.size(); i++) {
                    Sla better = sla(TIERS.get(i - 1), severity, channel);
                    Sla worse = sla(TIERS.get(i), severity, channel);
                    assertNeverSlower(better, worse, severity + " " + TIERS.get(i - 1) + " vs " + TIERS.get(i) + " on " + channel);
                }
            }
            for (String tier : TIERS) {
                for (int i = 1; i < SEVERITIES.size(); i++) {
                    assertNeverSlower(sla(tier, SEVERITIES.get(i - 1), channel), sla(tier, SEVERITIES.get(i), channel),
                            tier + " " + SEVERITIES.get(i - 1) + " vs " + SEVERITIES.get(i) + " on " + channel);
                }
            }
        }
        assertThat(sla("enterprise", "P1", "email").firstResponseDue()).isLessThan(sla("free", "P1", "email").firstResponseDue());
        assertThat(sla("premium", "P2", "web_chat").resolutionDue()).isLessThan(sla("free", "P2", "web_chat").resolutionDue());
    }

    private static void assertNeverSlower(Sla better, Sla worse, String comparison) {
        assertThat(better.firstResponseDue()).as(comparison).isLessThanOrEqualTo(worse.firstResponseDue());
        assertThat(better.nextResponseDue()).as(comparison).isLessThanOrEqualTo(worse.nextResponseDue());
        assertThat(better.resolutionDue()).as(comparison).isLessThanOrEqualTo(worse.resolutionDue());
        assertThat(better.proactiveUpdateInterval()).as(comparison).isLessThanOrEqualTo(worse.proactiveUpdateInterval());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void everyRowHasAReadableUniqueIdAndADescription() throws Exception {
        String dmn = Files.readString(new File(MODEL).toPath());
        Matcher rule = Pattern.compile("<rule id=\"([^\"]+)\">\\s*<description>([^<]+)</description>").matcher(dmn);
        Set<String> ids = new HashSet<>();
        while (rule.find()) {
            assertThat(ids.add(rule.group(1))).as("unique row id " + rule.group(1)).isTrue();
            assertThat(rule.group(1)).matches("p[0-3]_[a-z_]+");
            assertThat(rule.group(2)).isNotBlank();
        }
        assertThat(ids).hasSize(dmn.split("<rule ").length - 1).hasSize(24);
    }

    @Test
    void passesTheValidationThePolicyStoreApplies() {
        List<DMNMessage> messages = DMNValidatorFactory.newValidator().validate(new File(MODEL),
                DMNValidator.Validation.VALIDATE_SCHEMA, DMNValidator.Validation.VALIDATE_MODEL,
                DMNValidator.Validation.VALIDATE_COMPILATION, DMNValidator.Validation.ANALYZE_DECISION_TABLE);
        assertThat(messages).filteredOn(message -> message.getSeverity() == DMNMessage.Severity.ERROR).isEmpty();
    }
}
