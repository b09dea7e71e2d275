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
    void findsInternalNotesWithTheirConversationAndFilters() {
        String marker = marker();
        String conversationId = receive(inbound("email", sender(uniqueEmail("search-note"), null, null, "Ada", null),
                "My invoice is wrong")).getString("conversationId");
        as("agent").body(Map.of("content", "Checked with billing: the " + marker + " credit note goes out Friday"))
                .when().post("/api/v1/conversations/{id}/notes", conversationId).then().statusCode(201);

        JsonPath found = search(marker + " credit note", "&kinds=notes");
        assertThat(found.getList("notes.conversationId", String.class)).containsExactly(conversationId);
        assertThat(found.getString("notes[0].author")).isEqualTo("agent");
        assertThat(found.getString("notes[0].customerName")).isEqualTo("Ada");
        assertThat(found.getBoolean("notes[0].phrase")).isTrue();
        assertThat(found.getList("items")).as("messages were not asked for").isEmpty();
        String snippet = found.getString("notes[0].snippet");
        List<Map<String, Integer>> highlights = found.getList("notes[0].highlights");
        assertThat(highlights.stream().map(h -> snippet.substring(h.get("start"), h.get("end"))).toList())
                .containsExactly(marker, "credit", "note");

        assertThat(search(marker, "&channel=email").getList("notes")).hasSize(1);
        assertThat(search(marker, "&channel=sms").getList("notes")).as("another channel").isEmpty();
        assertThat(search(marker, "&state=resolved").getList("notes")).as("another state").isEmpty();
        assertThat(search(marker, "&from=" + Instant.now().plus(Duration.ofHours(1))).getList("notes"))
                .as("outside the dates").isEmpty();
        assertThat(search(marker, "").getList("items")).as("a note is not a message").isEmpty();
    }

    @Test
    void findsACustomerByAVerifiedIdentifierButNeverByName() {
        String email = uniqueEmail("search-customer");
        String name = "Zebulon " + marker();
        String customerId = receive(inbound("email", sender(email, null, null, name, null), "Hello there"))
                .getString("customerId");

        JsonPath byEmail = search(email.toUpperCase(), "&kinds=customers");
        assertThat(byEmail.getList("customers.customerId", String.class)).containsExactly(customerId);
        assertThat(byEmail.getString("customers[0].name")).isEqualTo(name);
        assertThat(search(name, "&kinds=customers").getList("customers")).as("names are sealed").isEmpty();
    }

    @Test
    void findsAResolutionByTheWordsOfItsTitleAndStatus() {
        String marker = marker();
        String conversationId = receive(inbound("email", sender(uniqueEmail("search-resolution"), null, null, null, null),
                "Exports are failing")).getString("conversationId");
        String resolutionId = as("agent").body(Map.of("title", "CSV exports " + marker + " time out"))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");

        JsonPath found = search("exports " + marker, "&kinds=resolutions");
        assertThat(found.getList("resolutions.resolutionId", String.class)).containsExactly(resolutionId);
        assertThat(found.getString("resolutions[0].title")).isEqualTo("CSV exports " + marker + " time out");
        String status = found.getString("resolutions[0].status");
        assertThat(search(marker, "&kinds=resolutions&state=" + status).getList("resolutions")).hasSize(1);
        assertThat(search(marker, "&kinds=resolutions&state=" + ("resolved".equals(status) ? "open" : "resolved"))
                .getList("resolutions")).isEmpty();
        assertThat(search(marker.substring(0, 6), "&kinds=resolutions").getList("resolutions"))
                .as("part of a word is no match").isEmpty();
    }

    @Test
    void anUnknownKindIsABadRequest() {
        as("agent").when().get("/api/v1/search?q=parcel&kinds=messages,invoices").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kinds"));
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
