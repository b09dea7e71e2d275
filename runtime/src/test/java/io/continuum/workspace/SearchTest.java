package io.continuum.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SearchTest {

    /** A word no other test writes, so a search finds only this test's messages. */
    private static String marker() {
        return "mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[0-9]", "x");
    }

    private static JsonPath search(String q, String extra) {
        return as("agent").when().get("/api/v1/search?q={q}" + extra, q).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void findsAPhraseFromAThreeDayOldMessageIgnoringCaseAndAccentsAndHighlightsIt() {
        String marker = marker();
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        Map<String, Object> message = inbound("whatsapp", sender(null, "+4479" + (10000000 + (int) (Math.random() * 8999999)),
                null, "Noor", null), "Hello. The délivery van left my parcel " + marker + " at the wrong address!");
        message.put("receivedAt", threeDaysAgo.toString());
        String conversationId = receive(message).getString("conversationId");

        String window = "&from=" + threeDaysAgo.minus(Duration.ofDays(1)) + "&to=" + threeDaysAgo.plus(Duration.ofDays(1));
        JsonPath found = search("parcel " + marker + " at the WRONG address", window);
        assertThat(found.getList("items.conversationId", String.class)).containsExactly(conversationId);
        assertThat(found.getBoolean("items[0].phrase")).isTrue();
        assertThat(found.getString("items[0].customerName")).isEqualTo("Noor");
        String snippet = found.getString("items[0].snippet");
        List<Map<String, Integer>> highlights = found.getList("items[0].highlights");
        assertThat(highlights.stream().map(h -> snippet.substring(h.get("start"), h.get("end"))).toList())
                .containsExactly("The", "parcel", marker, "at", "the", "wrong", "address");

        assertThat(search("delivery " + marker, "&channel=whatsapp").getList("items.conversationId", String.class))
                .as("accents ignored").containsExactly(conversationId);
        assertThat(search(marker, "&from=" + Instant.now().minus(Duration.ofDays(1))).getList("items"))
                .as("outside the dates").isEmpty();
        assertThat(search(marker, "&channel=email").getList("items")).as("another channel").isEmpty();
        assertThat(search(marker + " refund", "").getList("items")).as("every word must be there").isEmpty();
    }

    @Test
    void anErasedCustomersMessagesAreNotFound() {
        String marker = marker();
        String conversationId = receive(inbound("email", sender(uniqueEmail("search-erased"), null, null, "Eli", null),
                "Please close account " + marker)).getString("conversationId");
        assertThat(search(marker, "").getList("items.conversationId", String.class)).containsExactly(conversationId);

        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request",
                conversation(conversationId).getString("customerId")).then().statusCode(200);

        assertThat(search(marker, "").getList("items")).isEmpty();
    }

    @Test
    void aQueryWithoutWordsOrABadDateIsABadRequest() {
        as("agent").queryParam("q", " ! ").when().get("/api/v1/search").then().statusCode(400).contentType("application/problem+json");
        as("agent").when().get("/api/v1/search?q=parcel&from=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void highlightsWholeWordsInTheTextsOwnPositions() {
        assertThat(Search.highlights("Crème brûlée, CREME! cremes", List.of("creme")))
                .containsExactly(new Search.Highlight(0, 5), new Search.Highlight(14, 19));
    }
}
