package io.continuum.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class PresenceTest {

    private static JsonPath here(String user, String conversationId, boolean typing) {
        return as(user).body(Map.of("typing", typing)).when().put("/api/v1/presence/{id}", conversationId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void twoPeopleOnOneConversationSeeEachOtherAndWhoIsTyping() {
        String id = receive(inbound("email", sender(uniqueEmail("presence"), null, null, "Pat", null), "Where is my parcel?"))
                .getString("conversationId");

        assertThat(here("agent", id, false).getList("people.username", String.class)).containsExactly("agent");
        JsonPath both = here("supervisor", id, true);
        assertThat(both.getList("people.username", String.class)).containsExactly("agent", "supervisor");
        assertThat(both.getList("people.findAll { it.typing }.username", String.class)).containsExactly("supervisor");

        as("supervisor").when().delete("/api/v1/presence/{id}", id).then().statusCode(204);
        assertThat(here("agent", id, false).getList("people.username", String.class)).containsExactly("agent");
    }

    @Test
    void anUnknownConversationIsNotFound() {
        as("agent").body(Map.of("typing", false)).when().put("/api/v1/presence/{id}", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void someoneNotHeardFromHasLeftAndTypingFadesAfterTheLastKeystroke() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        Map<String, Presence.Seen> people = Map.of(
                "gone", new Presence.Seen(now.minus(Presence.PRESENT_FOR).minusSeconds(1), null),
                "reading", new Presence.Seen(now.minusSeconds(5), now.minus(Presence.TYPING_FOR).minusSeconds(1)),
                "typing", new Presence.Seen(now.minusSeconds(2), now.minusSeconds(2)));

        assertThat(Presence.viewers(people, now)).containsExactly(
                new LiveEvent.Viewer("reading", false), new LiveEvent.Viewer("typing", true));
        assertThat(Presence.viewers(people, now.plus(Presence.PRESENT_FOR))).isEqualTo(List.of());
    }
}
