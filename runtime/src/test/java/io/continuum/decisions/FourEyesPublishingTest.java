package io.continuum.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.continuum.decisions.PolicyStoreTest.baseline;
import static io.continuum.decisions.PolicyStoreTest.liveVersion;
import static io.continuum.decisions.PolicyStoreTest.upload;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Four-eyes publishing: on a policy that requires a second approver, one person alone cannot make a
 * version live — not by publishing, not by approving their own request, not by rolling back; a second
 * person with a publishing role can, and every step is in the history and the audit log.
 */
@QuarkusTest
class FourEyesPublishingTest {

    /** The baseline table again, so whatever goes live here decides as before for the other tests. */
    private static final String POLICY = "severity";

    private static void requireSecondApprover(boolean required) {
        as("admin").body(Map.of("requiresSecondApprover", required))
                .when().put("/api/v1/policies/{name}/approval-rule", POLICY)
                .then().statusCode(200).body("requiresSecondApprover", equalTo(required));
    }

    private static int newVersion() throws Exception {
        return upload(POLICY, baseline("decision-tables/severity.dmn"));
    }

    private static JsonPath requestPublish(String person, int version) {
        return as(person).when().post("/api/v1/policies/{name}/versions/{v}/publish", POLICY, version)
                .then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("requestedBy", equalTo(person))
                .body("version", equalTo(version))
                .extract().jsonPath();
    }

    /** Every audit entry of the policy, page after page (the trail is oldest first). */
    private static List<Map<String, Object>> auditOfPolicy() {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonPath page = as("supervisor").queryParam("entityId", PolicyStore.policyEntityId(POLICY).toString())
                    .queryParam("limit", 200).queryParam("after", cursor)
                    .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            entries.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        }
        return entries;
    }

    /** No request of another test (or an earlier run on the same database) is left waiting. */
    private static void rejectWhatIsPending() {
        List<String> pending = as("agent").when().get("/api/v1/policies/{name}/publish-requests", POLICY)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.status == 'pending' }.id", String.class);
        for (String id : pending) {
            as("admin").body(Map.of("reason", "left over by a test"))
                    .when().post("/api/v1/policies/{name}/publish-requests/{id}/reject", POLICY, id)
                    .then().statusCode(200);
        }
    }

    @BeforeEach
    void fourEyesOn() {
        requireSecondApprover(true);
        rejectWhatIsPending();
    }

    @AfterEach
    void fourEyesOff() {
        rejectWhatIsPending();
        requireSecondApprover(false);
    }

    @Test
    void onePersonAloneCannotMakeAVersionLive() throws Exception {
        int live = liveVersion(POLICY);
        int draft = newVersion();
        String requestId = requestPublish("analyst", draft).getString("id");
        assertThat(liveVersion(POLICY)).as("a request is not a publication").isEqualTo(live);

        as("analyst").when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, requestId)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/four-eyes"));
        as("analyst").when().post("/api/v1/policies/{name}/versions/{v}/publish", POLICY, draft)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/already-awaiting-approval"));
        assertThat(liveVersion(POLICY)).as("still not live").isEqualTo(live);
        as("agent").when().get("/api/v1/policies/{name}/publish-requests", POLICY).then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("pending"));
    }

    @Test
    void aSecondPersonApprovesAndTheVersionGoesLiveRecordingBoth() throws Exception {
        int draft = newVersion();
        String requestId = requestPublish("analyst", draft).getString("id");

        as("supervisor").when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, requestId)
                .then().statusCode(200)
                .body("status", equalTo("published"))
                .body("publishedBy", equalTo("analyst"))
                .body("approvedBy", equalTo("supervisor"));
        assertThat(liveVersion(POLICY)).isEqualTo(draft);

        as("agent").when().get("/api/v1/policies/{name}/versions", POLICY).then().statusCode(200)
                .body("find { it.version == " + draft + " }.publishedBy", equalTo("analyst"))
                .body("find { it.version == " + draft + " }.approvedBy", equalTo("supervisor"));
        as("agent").when().get("/api/v1/policies/{name}/publish-requests", POLICY).then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("approved"))
                .body("find { it.id == '" + requestId + "' }.decidedBy", equalTo("supervisor"));
        as("admin").when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, requestId)
                .then().statusCode(409)
                .body("type", equalTo("https://continuum.io/problems/not-pending"));

        List<Map<String, Object>> audit = auditOfPolicy();
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry).containsEntry("action", "publish-requested").containsEntry("actor", "analyst");
            assertThat(entry.get("after").toString()).contains(requestId);
        });
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry).containsEntry("action", "publish-approved").containsEntry("actor", "supervisor");
            assertThat(entry.get("after").toString()).contains(requestId);
        });
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry).containsEntry("action", "published").containsEntry("actor", "supervisor");
            assertThat(entry.get("after").toString()).contains("toVersion=" + draft).contains("approvedBy=supervisor");
        });
    }

    @Test
    void twoPeopleApprovingAtOnceMakeItLiveOnce() throws Exception {
        int draft = newVersion();
        String requestId = requestPublish("analyst", draft).getString("id");
        ExecutorService approvers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String person : List.of("supervisor", "admin")) {
                answers.add(approvers.submit(() -> {
                    start.await();
                    return as(person).when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, requestId)
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            approvers.shutdownNow();
        }
        assertThat(auditOfPolicy().stream().filter(entry -> "publish-approved".equals(entry.get("action"))
                && entry.get("after").toString().contains(requestId))).hasSize(1);
        assertThat(liveVersion(POLICY)).isEqualTo(draft);
    }

    @Test
    void aRejectedRequestNeedsAReasonAndCanNoLongerBeApproved() throws Exception {
        int live = liveVersion(POLICY);
        int draft = newVersion();
        String requestId = requestPublish("supervisor", draft).getString("id");

        as("analyst").body(Map.of("reason", " "))
                .when().post("/api/v1/policies/{name}/publish-requests/{id}/reject", POLICY, requestId)
                .then().statusCode(400).contentType("application/problem+json");
        as("analyst").body(Map.of("reason", "The P1 row is too broad"))
                .when().post("/api/v1/policies/{name}/publish-requests/{id}/reject", POLICY, requestId)
                .then().statusCode(200)
                .body("status", equalTo("rejected"))
                .body("decidedBy", equalTo("analyst"))
                .body("reason", equalTo("The P1 row is too broad"));
        as("admin").when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, requestId)
                .then().statusCode(409);
        assertThat(liveVersion(POLICY)).isEqualTo(live);
        assertThat(auditOfPolicy()).anySatisfy(entry -> {
            assertThat(entry).containsEntry("action", "publish-rejected").containsEntry("actor", "analyst");
            assertThat(entry.get("after").toString()).contains("The P1 row is too broad");
        });
    }

    @Test
    void aRollbackAlsoWaitsForASecondPerson() throws Exception {
        int draft = newVersion();
        String first = requestPublish("analyst", draft).getString("id");
        as("supervisor").when().post("/api/v1/policies/{name}/publish-requests/{id}/approve", POLICY, first)
                .then().statusCode(200);

        as("analyst").body(Map.of("toVersion", 1)).when().post("/api/v1/policies/{name}/rollback", POLICY)
                .then().statusCode(202).body("status", equalTo("pending")).body("version", equalTo(1));
        assertThat(liveVersion(POLICY)).isEqualTo(draft);
    }

    @Test
    void onlyAnAdminChangesTheRuleAndTheChangeIsAudited() throws Exception {
        as("supervisor").body(Map.of("requiresSecondApprover", false))
                .when().put("/api/v1/policies/{name}/approval-rule", POLICY)
                .then().statusCode(403);
        as("agent").when().get("/api/v1/policies").then().statusCode(200)
                .body("find { it.name == '" + POLICY + "' }.requiresSecondApprover", equalTo(true));
        assertThat(auditOfPolicy()).anySatisfy(entry ->
                assertThat(entry).containsEntry("action", "approval-rule-changed").containsEntry("actor", "admin"));

        requireSecondApprover(false);
        int draft = newVersion();
        as("analyst").when().post("/api/v1/policies/{name}/versions/{v}/publish", POLICY, draft)
                .then().statusCode(200).body("status", equalTo("published")).body("approvedBy", equalTo(null));
        assertThat(liveVersion(POLICY)).as("without four-eyes one person publishes as before").isEqualTo(draft);
    }
}
