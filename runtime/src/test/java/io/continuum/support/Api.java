package io.continuum.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Small helpers shared by the API tests: signed-in requests and inbound messages. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

    public static Map<String, Object> sender(String email, String phone, String socialId, String name, String deviceId) {
        Map<String, Object> from = new HashMap<>();
        from.put("email", email);
        from.put("phone", phone);
        from.put("socialId", socialId);
        from.put("name", name);
        from.put("deviceId", deviceId);
        return from;
    }

    public static Map<String, Object> inbound(String channel, Map<String, Object> from, String content) {
        return inbound(channel, channel + "-" + UUID.randomUUID(), from, content, null);
    }

    public static Map<String, Object> inbound(String channel, String externalId, Map<String, Object> from, String content,
                                              String threadRef) {
        Map<String, Object> message = new HashMap<>();
        message.put("channel", channel);
        message.put("externalId", externalId);
        message.put("from", from);
        message.put("content", content);
        message.put("attachments", List.of());
        message.put("receivedAt", Instant.now().toString());
        message.put("threadRef", threadRef);
        return message;
    }

    /** Posts a message as the integration user and returns the 202 body. */
    public static JsonPath receive(Map<String, Object> message) {
        return as("api").body(message)
                .when().post("/api/v1/messages")
                .then().statusCode(202)
                .extract().jsonPath();
    }

    public static JsonPath conversation(String id) {
        return as("agent").when().get("/api/v1/conversations/{id}", id)
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath customer(String id) {
        return as("agent").when().get("/api/v1/customers/{id}", id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Numbers handed out in turn from a random start, so no two tests of a run share one (they are customers' identities). */
    private static final AtomicInteger PHONE_NUMBERS = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000));

    /** A US number (+1 646 555 …) no other caller of this run gets, in digits only as WhatsApp writes it. */
    public static String uniquePhoneDigits() {
        return "1646555" + String.format("%04d", Math.floorMod(PHONE_NUMBERS.getAndIncrement(), 10_000));
    }

    public static String uniqueEmail(String who) {
        return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
