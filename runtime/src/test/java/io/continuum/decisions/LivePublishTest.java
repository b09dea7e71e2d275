package io.continuum.decisions;

import io.continuum.support.SlaPolicies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervisor publishes a new SLA policy while messages keep arriving: nothing fails, new
 * conversations get the new targets, conversations triaged before keep theirs, and each
 * conversation's decisions name the version that decided them.
 */
@QuarkusTest
class LivePublishTest {

    /** A deliberately flat SLA policy: every conversation gets the same, recognisable targets. */
    private static final String FLAT_SLA_POLICY = SlaPolicies.flat("everyone_the_same", "PT7M", "PT17M", "P3D", "PT6H", 0.5);

    private static String ingest(String label) {
        return as("api").body(inbound("email", sender(uniqueEmail(label), null, null, null, null), "Where is my parcel?"))
                .when().post("/api/v1/messages").then().statusCode(202).extract().path("conversationId");
    }

    /** First contact may still be working through the burst another test of this class sent. */
    private static JsonPath triaged(String conversationId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> as("agent").when().get("/api/v1/conversations/{id}", conversationId)
                .then().extract().jsonPath().getString("sla.firstResponseDueAt") != null);
        return as("agent").when().get("/api/v1/conversations/{id}", conversationId).then().extract().jsonPath();
    }

    private static Duration firstResponseTarget(JsonPath conversation) {
        return Duration.between(Instant.parse(conversation.getString("createdAt")),
                Instant.parse(conversation.getString("sla.firstResponseDueAt")));
    }

    @Test
    void newSlaPolicyReachesNewConversationsWhileOldOnesKeepTheirTargets() throws Exception {
        int before = PolicyStoreTest.liveVersion("sla-policy");
        JsonPath old = triaged(ingest("before-publish"));
        Duration oldTarget = firstResponseTarget(old);
        assertThat(oldTarget).isNotEqualTo(Duration.ofMinutes(7));

        int flat = given().auth().preemptive().basic("supervisor", "supervisor").contentType(ContentType.TEXT)
                .body(FLAT_SLA_POLICY).when().post("/api/v1/policies/sla-policy/versions")
                .then().statusCode(201).extract().path("version");

        AtomicBoolean sending = new AtomicBoolean(true);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(senders.submit(() -> {
                while (sending.get()) {
                    statuses.add(as("api").body(inbound("web_chat", sender(uniqueEmail("during"), null, null, null, null), "hello"))
                            .when().post("/api/v1/messages").then().extract().statusCode());
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= 10);
            PolicyStoreTest.publish("sla-policy", flat);
            int sentBeforePublish = statuses.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= sentBeforePublish + 10);

            JsonPath fresh = triaged(ingest("after-publish"));
            assertThat(firstResponseTarget(fresh)).isEqualTo(Duration.ofMinutes(7));
            assertThat(firstResponseTarget(triaged(old.getString("id")))).isEqualTo(oldTarget);

            List<Map<String, Object>> decisions = as("supervisor")
                    .when().get("/api/v1/conversations/{id}/decisions", fresh.getString("id"))
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(decisions).filteredOn(d -> "sla-policy".equals(d.get("policy"))).singleElement()
                    .satisfies(d -> {
                        assertThat(d.get("version")).isEqualTo(flat);
                        assertThat((String) d.get("explanation")).contains("everyone_the_same");
                    });
        } finally {
            sending.set(false);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (Future<?> sender : running) {
                sender.get();
            }
            as("supervisor").body(Map.of("toVersion", before)).when().post("/api/v1/policies/sla-policy/rollback")
                    .then().statusCode(200);
        }
        assertThat(statuses).hasSizeGreaterThan(20).containsOnly(202);
    }

    @Test
    void publishingWithApplyToOpenMovesTheTargetsOfOpenConversations() throws Exception {
        int before = PolicyStoreTest.liveVersion("sla-policy");
        JsonPath open = triaged(ingest("apply-to-open"));
        int flat = given().auth().preemptive().basic("supervisor", "supervisor").contentType(ContentType.TEXT)
                .body(FLAT_SLA_POLICY).when().post("/api/v1/policies/sla-policy/versions")
                .then().statusCode(201).extract().path("version");
        try {
            as("supervisor").queryParam("applyToOpen", true)
                    .when().post("/api/v1/policies/sla-policy/versions/{v}/publish", flat).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(firstResponseTarget(triaged(open.getString("id")))).isEqualTo(Duration.ofMinutes(7)));
        } finally {
            as("supervisor").body(Map.of("toVersion", before)).when().post("/api/v1/policies/sla-policy/rollback")
                    .then().statusCode(200);
        }
    }
}
