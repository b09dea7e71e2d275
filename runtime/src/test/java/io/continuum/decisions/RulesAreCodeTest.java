package io.continuum.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.continuum.decisions.PolicyStoreTest.baseline;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rules are code, tables are data: a DRL consequence is Java that runs on every node, so only
 * developers and admins change rule sets; a decision table may compute in FEEL only.
 */
@QuarkusTest
class RulesAreCodeTest {

    /** The baseline rule set with one more rule whose consequence starts a process on the server. */
    private static String drlRunningACommand() throws Exception {
        return baseline("rules/escalation-triggers.drl") + """

                rule "looks-harmless"
                when
                    $s: /signals[ customerAskedForHuman ]
                then
                    Runtime.getRuntime().exec(new String[] {"touch", "/tmp/continuum-pwned"});
                end
                """;
    }

    private static int versionCount(String policy) {
        return as("analyst").when().get("/api/v1/policies/{name}/versions", policy)
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyst", "supervisor"})
    void anAnalystCannotUploadARuleThatRunsACommand(String user) throws Exception {
        int before = versionCount("escalation-triggers");
        as(user).contentType(ContentType.TEXT).body(drlRunningACommand())
                .when().post("/api/v1/policies/escalation-triggers/versions")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/rules-are-code"))
                .body("detail", containsString("developers and admins"));
        assertThat(versionCount("escalation-triggers")).as("nothing stored").isEqualTo(before);
    }

    @Test
    void anAnalystCannotImportARuleSetFromGitEither() {
        as("analyst").when().post("/api/v1/policies/escalation-triggers/import")
                .then().statusCode(403)
                .body("type", equalTo("https://continuum.io/problems/rules-are-code"));
    }

    @Test
    void aDeveloperChangesRuleSets() throws Exception {
        as("developer").contentType(ContentType.TEXT).body(baseline("rules/escalation-triggers.drl"))
                .queryParam("comment", "same rules, by a developer")
                .when().post("/api/v1/policies/escalation-triggers/versions")
                .then().statusCode(201)
                .body("author", equalTo("developer"));
    }

    @Test
    void analystsStillChangeDecisionTables() throws Exception {
        as("analyst").contentType(ContentType.TEXT).body(baseline("decision-tables/severity.dmn"))
                .when().post("/api/v1/policies/severity/versions")
                .then().statusCode(201);
    }

    @Test
    void aDecisionTableWithAJavaFunctionIsRefusedNamingIt() throws Exception {
        String withJava = baseline("decision-tables/severity.dmn").replace("</definitions>", """
                  <businessKnowledgeModel id="_run" name="run">
                    <variable name="run"/>
                    <encapsulatedLogic id="_runLogic" kind="Java">
                      <context>
                        <contextEntry><variable name="class"/><literalExpression><text>"java.lang.Runtime"</text></literalExpression></contextEntry>
                        <contextEntry><variable name="method signature"/><literalExpression><text>"getRuntime()"</text></literalExpression></contextEntry>
                      </context>
                    </encapsulatedLogic>
                  </businessKnowledgeModel>
                </definitions>""");
        assertThat(withJava).contains("kind=\"Java\"");
        int before = versionCount("severity");
        JsonPath problem = as("admin").contentType(ContentType.TEXT).body(withJava)
                .when().post("/api/v1/policies/severity/versions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .extract().jsonPath();
        List<String> fields = problem.getList("errors.field", String.class);
        assertThat(fields).contains("businessKnowledgeModel 'run'");
        assertThat(problem.getList("errors.message", String.class))
                .anySatisfy(message -> assertThat(message).contains("kind \"Java\"").contains("businessKnowledgeModel 'run'"));
        assertThat(problem.getList("errors.line", Integer.class)).doesNotContainNull();
        assertThat(versionCount("severity")).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aFeelExternalJavaFunctionIsRefused() throws Exception {
        String source = baseline("decision-tables/severity.dmn");
        String withExternal = source.replace("</definitions>", """
                  <decision id="_exec" name="exec">
                    <variable name="exec"/>
                    <literalExpression id="_execExpression">
                      <text>function(x) external { java: { class: "java.lang.Runtime", method signature: "getRuntime()" } }</text>
                    </literalExpression>
                  </decision>
                </definitions>""");
        as("analyst").contentType(ContentType.TEXT).body(withExternal)
                .when().post("/api/v1/policies/severity/versions")
                .then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("decision 'exec'"))
                .body("errors.message", org.hamcrest.Matchers.hasItem(containsString("FEEL external function")));
    }
}
