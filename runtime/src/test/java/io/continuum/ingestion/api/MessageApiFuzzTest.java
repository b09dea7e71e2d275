package io.continuum.ingestion.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.support.Fuzz;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives at POST /api/v1/messages, the answer is 202 or a 4xx problem JSON, never a 5xx; a
 * message answered 202 is stored once with its event, and one answered 4xx is not stored at all.
 */
@QuarkusTest
class MessageApiFuzzTest {

    private static final int CASES = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHANNELS = List.of("email", "whatsapp", "web_chat", "sms", "messenger", "voice");

    @Inject
    DataSource database;

    private final Fuzz fuzz = new Fuzz("message API");

    private Object sender() {
        if (fuzz.chance(0.2)) {
            return fuzz.jsonValue(2);
        }
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("email", fuzz.chance(0.5) ? "fuzz-" + fuzz.between(0, 999) + "@example.com" : fuzz.text());
        for (String field : List.of("phone", "socialId", "name", "deviceId")) {
            if (fuzz.chance(0.4)) {
                from.put(field, fuzz.chance(0.8) ? fuzz.text() : fuzz.jsonValue(1));
            }
        }
        if (fuzz.chance(0.2)) {
            from.put("emailVerified", fuzz.jsonValue(0));
        }
        return from;
    }

    private Object attachments() {
        if (fuzz.chance(0.6)) {
            return List.of();
        }
        if (fuzz.chance(0.2)) {
            return fuzz.jsonValue(2);
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("fileName", fuzz.chance(0.6) ? "invoice.pdf" : fuzz.jsonValue(0));
        attachment.put("contentType", fuzz.chance(0.6) ? "application/pdf" : fuzz.jsonValue(0));
        attachment.put("content", fuzz.chance(0.6)
                ? Base64.getEncoder().encodeToString(fuzz.text().getBytes(StandardCharsets.UTF_8))
                : fuzz.jsonValue(1));
        return List.of(attachment);
    }

    /** A message body: each field valid, odd, of the wrong type or missing; the external id is tracked when it is ours. */
    private Map<String, Object> message(String trackedId) {
        Map<String, Object> message = new LinkedHashMap<>();
        putSometimes(message, "channel", fuzz.chance(0.7) ? fuzz.oneOf(CHANNELS) : fuzz.jsonValue(1));
        putSometimes(message, "externalId", trackedId != null ? trackedId : fuzz.jsonValue(1));
        putSometimes(message, "from", sender());
        putSometimes(message, "content", fuzz.chance(0.85) ? fuzz.text() : fuzz.jsonValue(2));
        putSometimes(message, "attachments", attachments());
        if (fuzz.chance(0.5)) {
            message.put("receivedAt", fuzz.chance(0.5) ? Instant.now().toString() : fuzz.jsonValue(0));
        }
        if (fuzz.chance(0.3)) {
            message.put("threadRef", fuzz.chance(0.7) ? fuzz.text() : fuzz.jsonValue(1));
        }
        if (fuzz.chance(0.1)) {
            message.put(fuzz.text(), fuzz.jsonValue(1));
        }
        return message;
    }

    private void putSometimes(Map<String, Object> message, String field, Object value) {
        if (fuzz.chance(0.92)) {
            message.put(field, value);
        }
    }

    private long count(String sql, String externalId) throws SQLException {
        try (var connection = database.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, externalId);
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void anyBodyIsAcceptedOrRefusedAsAProblemAndNeverHalfStored() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            String trackedId = fuzz.chance(0.85) ? "fuzz-" + fuzz.seed() + "-" + i + "-" + System.nanoTime() : null;
            byte[] body = fuzz.chance(0.1) ? fuzz.garbage() : JSON.writeValueAsBytes(message(trackedId));
            Response response = given().auth().preemptive().basic("api", "api").contentType("application/json")
                    .body(body).post("/api/v1/messages");
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String sent = new String(body, StandardCharsets.UTF_8);
            String what = "case " + i + " (" + sent.substring(0, Math.min(sent.length(), 300)) + ")";

            assertThat(status).as("status of %s", what).isLessThan(500).isNotIn(200, 201);
            if (status != 202) {
                assertThat(response.contentType()).as("problem JSON for %s", what).startsWith("application/problem+json");
                assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
            }
            if (trackedId != null) {
                long stored = count("SELECT count(*) FROM message WHERE external_id = ?", trackedId);
                assertThat(stored).as("messages stored for %s", what).isEqualTo(status == 202 ? 1 : 0);
                long events = count("SELECT count(*) FROM outbox_event e JOIN message m ON e.payload->>'messageId' = m.id::text "
                        + "WHERE e.topic = 'message.received' AND m.external_id = ?", trackedId);
                assertThat(events).as("its message.received event, %s", what).isEqualTo(stored);
            }
        }
        System.out.printf("[fuzz] message API: %d cases, answers by status %s%n", CASES, statuses);
        assertThat(statuses).as("the generator reaches both acceptance and refusal").containsKeys(202, 400);
    }
}
