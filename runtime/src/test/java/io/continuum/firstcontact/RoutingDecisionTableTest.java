package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins decision-tables/routing.dmn row by row through the endpoint Kogito generates from it
 * ({@code POST /routing}), then checks the promises that hold across the whole input space.
 * FIRST hit policy: each line's inputs are chosen so that the named row is the first to match.
 */
@QuarkusTest
class RoutingDecisionTableTest {

    private static final String MODEL = "../decision-tables/routing.dmn";
    private static final List<String> INTENTS = List.of("how_to_guidance", "account_access_issue",
            "transaction_system_failure", "bug_technical_defect", "urgent_high_risk", "noise_low_intent", "unknown");
    private static final List<String> SEVERITIES = List.of("P0", "P1", "P2", "P3");
    private static final List<String> TIERS = List.of("free", "standard", "premium", "enterprise");

    static JsonPath decide(String intent, String severity, String channel, String tier, String language) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("intent", intent);
        inputs.put("severity", severity);
        inputs.put("channel", channel);
        inputs.put("tier", tier);
        inputs.put("language", language);
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(inputs)
                .when().post("/routing")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} {4} -> {5} [{6}] {7} priority {8}")
    @CsvSource({
            // row,                          intent,                      severity, channel,   tier,        queue,             requiredSkills,                            handlingMode, priority
            "p0_defect_needs_engineering,    bug_technical_defect,        P0,       email,     free,        trust-and-safety,  trust-and-safety|engineering-liaison,      resolution,   1",
            "p0_trust_and_safety,            how_to_guidance,             P0,       web_chat,  free,        trust-and-safety,  trust-and-safety,                          agent,        1",
            "p0_enterprise_transaction_failure_needs_engineering, transaction_system_failure, P0, email, enterprise, trust-and-safety, trust-and-safety|payments|engineering-liaison, resolution, 1",
            "p0_trust_and_safety (money),    transaction_system_failure,  P0,       email,     standard,    trust-and-safety,  trust-and-safety,                          agent,        1",
            "p1_defect_needs_engineering,    bug_technical_defect,        P1,       web_chat,  standard,    technical,         technical-support|engineering-liaison,     resolution,   2",
            "urgent_high_risk,               urgent_high_risk,            P1,       whatsapp,  free,        trust-and-safety,  trust-and-safety,                          agent,        2",
            "p1_account_access,              account_access_issue,        P1,       email,     premium,     accounts,          account-security,                          agent,        2",
            "account_access,                 account_access_issue,        P2,       web_chat,  free,        accounts,          account-security,                          agent,        3",
            "p1_transaction_failure,         transaction_system_failure,  P1,       messenger, standard,    payments,          payments|refunds,                          agent,        2",
            "transaction_failure,            transaction_system_failure,  P2,       email,     free,        payments,          payments|refunds,                          agent,        3",
            "defect,                         bug_technical_defect,        P2,       instagram, premium,     technical,         technical-support,                         agent,        3",
            "p1_other,                       how_to_guidance,             P1,       email,     free,        general,           '',                                        agent,        2",
            "voice_never_deflected,          how_to_guidance,             P3,       voice,     free,        general,           '',                                        agent,        2",
            "voice_never_deflected (noise),  noise_low_intent,            P3,       voice,     standard,    general,           '',                                        agent,        2",
            "enterprise_how_to,              how_to_guidance,             P3,       web_chat,  enterprise,  general,           enterprise-support,                        agent,        3",
            "how_to_self_service,            how_to_guidance,             P3,       email,     premium,     self-service,      '',                                        deflect,      4",
            "noise_deflected,                noise_low_intent,            P3,       x,         enterprise,  self-service,      '',                                        deflect,      4",
            "everything_else (unknown),      unknown,                     P3,       email,     standard,    general,           '',                                        agent,        3",
            "everything_else (unhappy how-to), how_to_guidance,           P2,       web_chat,  free,        general,           '',                                        agent,        3",
            "everything_else (unhappy noise),  noise_low_intent,          P2,       sms,       free,        general,           '',                                        agent,        3",
    })
    void routesEachRow(String row, String intent, String severity, String channel, String tier,
                       String queue, String skills, String handlingMode, int priority) {
        JsonPath routing = decide(intent, severity, channel, tier, "en");
        assertThat(routing.getString("routing.queue")).as(row).isEqualTo(queue);
        assertThat(routing.getList("routing.requiredSkills", String.class)).as(row)
                .containsExactlyElementsOf(skills.isEmpty() ? List.of() : Arrays.asList(skills.split("\\|")));
        assertThat(routing.getString("routing.handlingMode")).as(row).isEqualTo(handlingMode);
        assertThat(routing.getInt("routing.priority")).as(row).isEqualTo(priority);
    }

    @ParameterizedTest(name = "language {0} -> {1}")
    @CsvSource({
            "es,     lang-es",
            "de,     lang-de",
            "es-MX,  lang-es",
            "pt_BR,  lang-pt",
            "FR,     lang-fr",
            "en,     ''",
            "EN-gb,  ''",
            "'',     ''",
    })
    void aNonEnglishLanguageAddsALanguageSkillAfterTheTopicSkills(String language, String languageSkill) {
        JsonPath routing = decide("transaction_system_failure", "P1", "email", "standard", language);
        List<String> expected = new ArrayList<>(List.of("payments", "refunds"));
        if (!languageSkill.isEmpty()) {
            expected.add(languageSkill);
        }
        assertThat(routing.getList("routing.requiredSkills", String.class)).containsExactlyElementsOf(expected);
    }

    @Test
    void aMissingLanguageAddsNoSkill() {
        assertThat(decide("account_access_issue", "P2", "email", "free", null).getList("routing.requiredSkills", String.class))
                .containsExactly("account-security");
    }

    @Test
    void aDeflectedOrGeneralContactStillCarriesItsLanguageSkill() {
        assertThat(decide("how_to_guidance", "P3", "email", "free", "es").getList("routing.requiredSkills", String.class))
                .containsExactly("lang-es");
        assertThat(decide("unknown", "P3", "email", "free", "de").getList("routing.requiredSkills", String.class))
                .containsExactly("lang-de");
    }

    @Test
    void missingInputsFallToTheCatchAllRow() {
        JsonPath routing = decide(null, null, null, null, null);
        assertThat(routing.getString("routing.queue")).isEqualTo("general");
        assertThat(routing.getString("routing.handlingMode")).isEqualTo("agent");
        assertThat(routing.getInt("routing.priority")).isEqualTo(3);
        assertThat(routing.getList("routing.requiredSkills", String.class)).isEmpty();
    }

    /**
     * Every intent x severity x tier, on a voice call and on three written channels (448 combinations;
     * no row tells the written channels apart): the table has no gaps and keeps its promises.
     */
    @Test
    void everyCombinationGetsAConsistentRouting() {
        Set<String> queues = Set.of("trust-and-safety", "payments", "accounts", "technical", "general", "self-service");
        for (String intent : INTENTS) {
            for (String severity : SEVERITIES) {
                for (String channel : List.of("voice", "web_chat", "email", "sms")) {
                    for (String tier : TIERS) {
                        String inputs = String.join(" ", intent, severity, channel, tier);
                        JsonPath result = decide(intent, severity, channel, tier, "en");
                        String queue = result.getString("routing.queue");
                        String mode = result.getString("routing.handlingMode");
                        int priority = result.getInt("routing.priority");
                        assertThat(queue).as(inputs).isIn(queues);
                        assertThat(mode).as(inputs).isIn("deflect", "agent", "resolution");
                        assertThat(priority).as(inputs).isBetween(1, 4);
                        assertThat(result.getList("routing.requiredSkills", String.class)).as(inputs).isNotNull();
                        if (severity.equals("P0")) {
                            assertThat(queue).as(inputs).isEqualTo("trust-and-safety");
                            assertThat(priority).as(inputs).isEqualTo(1);
                        }
                        if (severity.equals("P0") || severity.equals("P1") || channel.equals("voice")) {
                            assertThat(mode).as("never deflect P0, P1 or a caller: " + inputs).isNotEqualTo("deflect");
                        }
                        if (intent.equals("bug_technical_defect") && (severity.equals("P0") || severity.equals("P1"))) {
                            assertThat(mode).as("engineering needed: " + inputs).isEqualTo("resolution");
                        }
                        if (mode.equals("deflect")) {
                            assertThat(queue).as(inputs).isEqualTo("self-service");
                            assertThat(severity).as(inputs).isEqualTo("P3");
                            assertThat(intent).as(inputs).isIn("how_to_guidance", "noise_low_intent");
                            assertThat(tier.equals("enterprise") && intent.equals("how_to_guidance")).as(inputs).isFalse();
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyRowHasAReadableUniqueIdAndADescription() throws Exception {
        String dmn = java.nio.file.Files.readString(new File(MODEL).toPath());
        Matcher rule = Pattern.compile("<rule id=\"([^\"]+)\">\\s*<description>([^<]+)</description>").matcher(dmn);
        Set<String> ids = new HashSet<>();
        int described = 0;
        while (rule.find()) {
            assertThat(ids.add(rule.group(1))).as("unique row id " + rule.group(1)).isTrue();
            assertThat(rule.group(1)).matches("[a-z0-9_]+");
            assertThat(rule.group(2)).isNotBlank();
            described++;
        }
        assertThat(described).isEqualTo(dmn.split("<rule ").length - 1).isEqualTo(18);
    }

    @Test
    void passesTheValidationThePolicyStoreApplies() {
        List<DMNMessage> messages = DMNValidatorFactory.newValidator().validate(new File(MODEL),
                DMNValidator.Validation.VALIDATE_SCHEMA, DMNValidator.Validation.VALIDATE_MODEL,
                DMNValidator.Validation.VALIDATE_COMPILATION, DMNValidator.Validation.ANALYZE_DECISION_TABLE);
        assertThat(messages).filteredOn(message -> message.getSeverity() == DMNMessage.Severity.ERROR).isEmpty();
    }
}
