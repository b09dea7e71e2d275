package io.continuum.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

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
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdentityResolutionTest {

    @Inject
    EntityManager entityManager;

    /** The changes the customer's {@code customer.updated} events announced, oldest first. */
    @SuppressWarnings("unchecked")
    private List<String> announcedChanges(String customerId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT payload ->> 'change' FROM outbox_event
                        WHERE topic = 'customer.updated' AND aggregate_id = ?1 ORDER BY occurred_at, id""")
                .setParameter(1, UUID.fromString(customerId)).getResultList());
    }

    @Test
    void aNewCustomerIsAnnouncedOnceWithItsIdentifiersAndWhatIsLearntLaterOnceMore() {
        String device = "device-" + UUID.randomUUID();
        String id = receive(inbound("web_chat", sender(null, null, null, "Ann", device), "hi")).getString("customerId");
        assertThat(announcedChanges(id)).containsExactly("created");

        receive(inbound("web_chat", sender(null, null, null, "Ann", device), "nothing new about me"));
        assertThat(announcedChanges(id)).containsExactly("created");

        String sameCustomer = receive(inbound("web_chat", sender(uniqueEmail("announced"), null, null, "Ann", device),
                "my address, for the record")).getString("customerId");
        assertThat(sameCustomer).isEqualTo(id);
        assertThat(announcedChanges(id)).containsExactly("created", "identifiers");
    }

    @Test
    void emailIsMatchedWhateverItsCase() {
        String email = uniqueEmail("case");
        String first = receive(inbound("email", sender(email, null, null, "Ann", null), "hi")).getString("customerId");
        String second = receive(inbound("email", sender("  " + email.toUpperCase() + " ", null, null, null, null), "again"))
                .getString("customerId");
        assertThat(second).isEqualTo(first);
        assertThat(customer(first).getList("identifiers.value", String.class)).containsExactly(email);
    }

    @Test
    void phoneNumbersAreStoredInE164AndMatchedAcrossFormats() {
        String local = "415555" + String.format("%04d", (int) (Math.random() * 10000));
        String sms = receive(inbound("sms", sender(null, "+1 (415) 555-" + local.substring(6), null, null, null), "hello"))
                .getString("customerId");
        String whatsapp = receive(inbound("whatsapp", sender(null, "1" + local, null, null, null), "hello again"))
                .getString("customerId");
        assertThat(whatsapp).isEqualTo(sms);
        JsonPath profile = customer(sms);
        assertThat(profile.getList("identifiers.kind", String.class)).containsExactly("phone");
        assertThat(profile.getList("identifiers.value", String.class)).containsExactly("+1" + local);
    }

    @Test
    void searchFindsACustomerByPhoneInAnyFormat() {
        String local = "212555" + String.format("%04d", (int) (Math.random() * 10000));
        String id = receive(inbound("sms", sender(null, "+1" + local, null, null, null), "hi")).getString("customerId");
        as("agent").queryParam("phone", "(212) 555-" + local.substring(6))
                .when().get("/api/v1/customers")
                .then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(id));
    }

    @Test
    void anonymousVisitorWhoGivesAKnownEmailIsMergedIntoThatCustomerWithTheReasonRecorded() {
        String email = uniqueEmail("known");
        String device = "device-" + UUID.randomUUID();
        JsonPath known = receive(inbound("email", sender(email, null, null, "Known Customer", null), "I have a question"));
        JsonPath anonymous = receive(inbound("web_chat", sender(null, null, null, null, device), "hi, anyone?"));
        assertThat(anonymous.getString("customerId")).isNotEqualTo(known.getString("customerId"));
        assertThat(customer(anonymous.getString("customerId")).getBoolean("anonymous")).isTrue();

        JsonPath identified = receive(inbound("web_chat", sender(email, null, null, null, device), "it's me, " + email));

        String survivor = known.getString("customerId");
        assertThat(identified.getString("customerId")).isEqualTo(survivor);
        JsonPath merged = customer(anonymous.getString("customerId"));
        assertThat(merged.getString("mergedInto")).isEqualTo(survivor);
        JsonPath profile = customer(survivor);
        assertThat(profile.getList("identifiers.value", String.class)).containsExactlyInAnyOrder(email, device);
        assertThat(profile.getList("merges", Map.class)).singleElement().satisfies(merge -> {
            assertThat(merge.get("mergedId")).isEqualTo(anonymous.getString("customerId"));
            assertThat(merge.get("identifierKind")).isEqualTo("email");
            assertThat(merge.get("identifierValue")).isEqualTo(email);
            assertThat(merge.get("triggeringMessageId")).isEqualTo(identified.getString("messageId"));
            assertThat((String) merge.get("reason")).contains("email #").doesNotContain(email);
        });
        assertThat(conversation(anonymous.getString("conversationId")).getString("customerId")).isEqualTo(survivor);
    }

    @Test
    void unmergeRestoresBothCustomersAndTheirConversations() {
        String email = uniqueEmail("unmerge");
        String device = "device-" + UUID.randomUUID();
        JsonPath known = receive(inbound("email", sender(email, null, null, "Known", null), "question"));
        JsonPath anonymous = receive(inbound("web_chat", sender(null, null, null, null, device), "hello"));
        receive(inbound("web_chat", sender(email, null, null, null, device), "my email is " + email));
        String survivor = known.getString("customerId");
        String visitor = anonymous.getString("customerId");

        as("supervisor").when().post("/api/v1/customers/{id}/unmerge", visitor)
                .then().statusCode(200)
                .body("mergedId", equalTo(visitor))
                .body("unmergedBy", equalTo("supervisor"));

        JsonPath restored = customer(visitor);
        assertThat(restored.getString("mergedInto")).isNull();
        assertThat(restored.getList("identifiers.value", String.class)).containsExactly(device);
        assertThat(customer(survivor).getList("identifiers.value", String.class)).containsExactly(email);
        assertThat(conversation(anonymous.getString("conversationId")).getString("customerId")).isEqualTo(visitor);
        assertThat(conversation(known.getString("conversationId")).getString("customerId")).isEqualTo(survivor);

        as("supervisor").when().post("/api/v1/customers/{id}/unmerge", visitor)
                .then().statusCode(409).body("type", equalTo("https://continuum.io/problems/not-merged"));
    }

    @Test
    void supervisorMergesTwoCustomersByHandAndAgentsMayNot() {
        String a = receive(inbound("email", sender(uniqueEmail("a"), null, null, "A", null), "one")).getString("customerId");
        JsonPath b = receive(inbound("email", sender(uniqueEmail("b"), null, null, "B", null), "two"));

        as("agent").body(Map.of("otherId", b.getString("customerId")))
                .when().post("/api/v1/customers/{id}/merge", a)
                .then().statusCode(403).body("status", equalTo(403));

        as("supervisor").body(Map.of("otherId", b.getString("customerId")))
                .when().post("/api/v1/customers/{id}/merge", a)
                .then().statusCode(200)
                .body("survivingId", equalTo(a))
                .body("reason", equalTo("Merged by supervisor"));
        assertThat(conversation(b.getString("conversationId")).getString("customerId")).isEqualTo(a);
        assertThat(customer(a).getList("identifiers", Map.class)).hasSize(2);

        as("supervisor").body(Map.of("otherId", b.getString("customerId")))
                .when().post("/api/v1/customers/{id}/unmerge", a)
                .then().statusCode(200);
        assertThat(conversation(b.getString("conversationId")).getString("customerId")).isEqualTo(b.getString("customerId"));
    }

    @Test
    void mergingIntoAMergedCustomerIsAConflict() {
        String a = receive(inbound("email", sender(uniqueEmail("x"), null, null, null, null), "one")).getString("customerId");
        String b = receive(inbound("email", sender(uniqueEmail("y"), null, null, null, null), "two")).getString("customerId");
        as("supervisor").body(Map.of("otherId", b)).when().post("/api/v1/customers/{id}/merge", a).then().statusCode(200);
        as("supervisor").body(Map.of("otherId", a)).when().post("/api/v1/customers/{id}/merge", b)
                .then().statusCode(409).body("type", equalTo("https://continuum.io/problems/customer-merged"));
    }

    @Test
    void profileChangesAreValidatedAndAudited() {
        String id = receive(inbound("email", sender(uniqueEmail("tier"), null, null, null, null), "hi")).getString("customerId");
        as("supervisor").body(Map.of("tier", "gold")).when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("tier"));
        as("supervisor").body(Map.of("tier", "enterprise", "tags", List.of("vip")))
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(200).body("tier", equalTo("enterprise")).body("tags", org.hamcrest.Matchers.contains("vip"));
        List<Map<String, Object>> trail = as("supervisor").queryParam("entityId", id).when().get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(trail).extracting(entry -> entry.get("action")).containsSubsequence("created", "updated");
        assertThat(trail).filteredOn(entry -> "updated".equals(entry.get("action"))).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.get("actor")).isEqualTo("supervisor");
                    assertThat(((Map<?, ?>) entry.get("before")).get("tier")).isEqualTo("standard");
                    assertThat(((Map<?, ?>) entry.get("after")).get("tier")).isEqualTo("enterprise");
                });
    }

    @Test
    void unknownCustomerIsNotFound() {
        as("agent").when().get("/api/v1/customers/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("Not Found"));
    }
}
