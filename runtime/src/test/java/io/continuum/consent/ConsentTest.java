package io.continuum.consent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class ConsentTest {

    private static final String AUTHOR = "system:resolution";

    @Inject
    EntityManager entityManager;

    @Test
    void aWithdrawalIsANewRecordAndTheProfileShowsWhereTheCustomerStands() {
        String customer = newCustomer("consent").customerId();
        String offer = "May we send you offers by e-mail? You can say no at any time.";
        as("api").body(statement("marketing", true, "web-chat-widget", offer))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(201);
        JsonPath withdrawn = as("agent").body(statement("marketing", false, "agent-on-call", "Customer asked for no more offers"))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(201).extract().jsonPath();
        assertThat(withdrawn.getString("recordedBy")).isEqualTo("agent");

        JsonPath consents = as("analyst").when().get("/api/v1/customers/{id}/consents", customer)
                .then().statusCode(200).extract().jsonPath();
        assertThat(consents.getList("history.granted", Boolean.class)).containsExactly(true, false);
        assertThat(consents.getList("history.textShown", String.class)).first().isEqualTo(offer);
        JsonPath profile = customer(customer);
        assertThat(profile.getList("consents.purpose", String.class))
                .containsExactly("service-messages", "proactive-updates", "surveys", "marketing");
        assertThat(profile.getString("consents.find { it.purpose == 'marketing' }.status")).isEqualTo("withdrawn");
        assertThat(profile.getBoolean("consents.find { it.purpose == 'marketing' }.allowed")).isFalse();
        assertThat(profile.getString("consents.find { it.purpose == 'marketing' }.grantedAt"))
                .isEqualTo(consents.getString("history[0].recordedAt"));
        assertThat(profile.getString("consents.find { it.purpose == 'marketing' }.withdrawnAt"))
                .isEqualTo(consents.getString("history[1].recordedAt"));
        assertThat(profile.getString("consents.find { it.purpose == 'surveys' }.status")).isEqualTo("not-recorded");
        assertThat(profile.getBoolean("consents.find { it.purpose == 'surveys' }.allowed")).as("surveys are opt-in").isFalse();
        assertThat(profile.getBoolean("consents.find { it.purpose == 'proactive-updates' }.allowed"))
                .as("updates about their own issue go unless withdrawn").isTrue();

        UUID granted = UUID.fromString(consents.getString("history[0].id"));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE consent_record SET granted = false WHERE id = ?1").setParameter(1, granted)
                .executeUpdate())).as("records are append-only").isInstanceOf(PersistenceException.class);
    }

    @Test
    void incompleteConsentsAreRefusedAndNothingIsRecorded() {
        String customer = newCustomer("bad-consent").customerId();
        JsonPath problem = as("agent").body(statement("newsletters", null, "fax", " "))
                .when().post("/api/v1/customers/{id}/consents", customer)
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactly("purpose", "granted", "source", "textShown");
        as("agent").body(statement("marketing", true, "api", "x".repeat(4001)))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(400);
        as("agent").body(statement("marketing", true, "api", "Offers?"))
                .when().post("/api/v1/customers/{id}/consents", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as("analyst").body(statement("marketing", true, "api", "Offers?"))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(403);

        assertThat(as("agent").when().get("/api/v1/customers/{id}/consents", customer).then().statusCode(200)
                .extract().jsonPath().getList("history")).isEmpty();
    }

    @Test
    void aCustomerWhoWithdrewProactiveUpdatesGetsNoneAndTheSkipIsExplained() {
        Received withdrew = newCustomer("no-updates");
        Received stays = newCustomer("updates");
        as("agent").body(statement("proactive-updates", false, "agent-on-call", "Do you want updates about this issue? No."))
                .when().post("/api/v1/customers/{id}/consents", withdrew.customerId()).then().statusCode(201);
        String resolution = as("agent").body(Map.of("title", "Ledger sync fails " + UUID.randomUUID()))
                .when().post("/api/v1/conversations/{id}/resolution", withdrew.conversationId())
                .then().statusCode(201).extract().path("id");
        as("agent").body(Map.of("conversationId", stays.conversationId()))
                .when().post("/api/v1/resolutions/{id}/conversations", resolution).then().statusCode(200);

        String news = "We found the faulty node " + UUID.randomUUID();
        as("engineer").body(Map.of("text", news)).when().post("/api/v1/resolutions/{id}/updates", resolution)
                .then().statusCode(201);

        assertThat(resolutionMessages(stays.conversationId())).anySatisfy(text -> assertThat(text).contains(news));
        List<String> toWithdrawn = resolutionMessages(withdrew.conversationId());
        assertThat(toWithdrawn).as("the acknowledgement is a service message").hasSize(1);
        assertThat(toWithdrawn).noneSatisfy(text -> assertThat(text).contains(news));
        JsonPath skipped = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", withdrew.conversationId())
                .then().statusCode(200).extract().jsonPath().setRootPath("find { it.policy == 'update-consent' }");
        assertThat(skipped.getBoolean("outputs.send")).isFalse();
        assertThat(skipped.getString("inputs.purpose")).isEqualTo("proactive-updates");
        assertThat(skipped.getString("inputs.updateKind")).isEqualTo("engineer");
        assertThat(skipped.getString("explanation")).contains("withdrew consent to proactive-updates");
    }

    @Test
    void erasingTheCustomerDeletesTheirConsents() {
        String customer = newCustomer("erase-consent").customerId();
        as("agent").body(statement("surveys", true, "import", "May we ask how we did?"))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(201);
        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", customer).then().statusCode(200);

        assertThat(as("agent").when().get("/api/v1/customers/{id}/consents", customer).then().statusCode(200)
                .extract().jsonPath().getList("history")).isEmpty();
        as("agent").body(statement("surveys", true, "import", "May we ask how we did?"))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(409);
    }

    record Received(String customerId, String conversationId) {
    }

    private static Received newCustomer(String label) {
        JsonPath received = receive(inbound("email", sender(uniqueEmail(label), null, null, null, null),
                "Hello, a question about my account"));
        return new Received(received.getString("customerId"), received.getString("conversationId"));
    }

    private static Map<String, Object> statement(String purpose, Boolean granted, String source, String textShown) {
        Map<String, Object> body = new HashMap<>();
        body.put("purpose", purpose);
        body.put("granted", granted);
        body.put("source", source);
        body.put("textShown", textShown);
        return body;
    }

    private static List<String> resolutionMessages(String conversationId) {
        return conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.author == '"
                + AUTHOR + "' }.content", String.class);
    }
}
