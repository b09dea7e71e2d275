package io.continuum.privacy;

import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the master key on the packaged application: data written under K1 reads back after a restart
 * with K2 (K1 listed as previous), which re-wraps every data key and rewrites no data; then with K2 alone;
 * and the customer can still be erased.
 */
class MasterKeyRotationIT {

    private static final int PORT = 18085;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it") + "_keys";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final Path WORK_DIR = Path.of("target", "it-master-key-app");
    private static final String K1 = MasterKey.generateBase64();
    private static final String K2 = MasterKey.generateBase64();
    private static PackagedApp app;

    @BeforeAll
    static void freshDatabase() throws Exception {
        withKeys(K1, null).freshDatabase();
        RestAssured.port = PORT;
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void dataWrittenUnderTheOldKeyReadsBackAfterRotationAndTheCustomerCanStillBeErased() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "rotation." + unique + "@example.org";
        String phone = "+3491" + unique.chars().map(c -> Character.digit(c, 16) % 10).limit(7)
                .collect(StringBuilder::new, StringBuilder::append, StringBuilder::append);
        String name = "Rosa Quint " + unique;
        String text = "the heating has been off since Monday " + unique;

        start(K1, null, "k1");
        JsonPath accepted = as("api").body(Map.of("channel", "email", "externalId", "<rotation-" + unique + "@example.org>",
                        "from", Map.of("email", email, "phone", phone, "name", name), "content", text,
                        "attachments", List.of(), "receivedAt", Instant.now().toString()))
                .post("/api/v1/messages").then().statusCode(202).extract().jsonPath();
        String customerId = accepted.getString("customerId");
        String conversationId = accepted.getString("conversationId");
        app.stop();
        assertThat(masterKeyIds()).containsOnly(MasterKey.fromBase64(K1).id());
        List<String> sealedBefore = sealedValues(customerId);
        assertThat(sealedBefore).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("enc:1:"));

        start(K2, K1, "k2-and-k1");
        assertThat(app.log("k2-and-k1")).containsPattern("Re-wrapped \\d+ data keys under master key "
                + MasterKey.fromBase64(K2).id());
        readsBack(customerId, conversationId, email, phone, name, text);
        app.stop();
        assertThat(masterKeyIds()).containsOnly(MasterKey.fromBase64(K2).id());
        assertThat(sealedValues(customerId)).as("rotation rewrites no data").isEqualTo(sealedBefore);

        start(K2, null, "k2");
        readsBack(customerId, conversationId, email, phone, name, text);
        as("supervisor").delete("/api/v1/customers/{id}?reason=customer-request", customerId).then().statusCode(200);
        JsonPath shell = as("agent").get("/api/v1/customers/{id}", customerId).then().statusCode(200).extract().jsonPath();
        assertThat(shell.getString("erasedAt")).isNotNull();
        assertThat(shell.getString("displayName")).isNull();
        assertThat(shell.getList("identifiers")).isEmpty();
        assertThat(as("agent").get("/api/v1/conversations/{id}", conversationId).then().statusCode(200).extract().jsonPath()
                .getList("timeline.findAll { it.type == 'message' }.content", String.class)).containsOnly("[erased]");
        assertThat(as("agent").queryParam("email", email).get("/api/v1/customers").then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();
    }

    private static void readsBack(String customerId, String conversationId, String email, String phone, String name,
                                  String text) {
        JsonPath customer = as("agent").get("/api/v1/customers/{id}", customerId).then().statusCode(200).extract().jsonPath();
        assertThat(customer.getString("displayName")).isEqualTo(name);
        assertThat(customer.getList("identifiers.value", String.class)).containsExactlyInAnyOrder(email, phone);
        assertThat(as("agent").queryParam("email", email).get("/api/v1/customers").then().statusCode(200).extract()
                .jsonPath().getList("items.id", String.class)).containsExactly(customerId);
        assertThat(as("agent").get("/api/v1/conversations/{id}", conversationId).then().statusCode(200).extract().jsonPath()
                .getList("timeline.findAll { it.type == 'message' }.content", String.class)).contains(text);
    }

    private static void start(String masterKey, String previous, String name) throws Exception {
        app = withKeys(masterKey, previous);
        app.start(name);
    }

    private static PackagedApp withKeys(String masterKey, String previous) {
        Map<String, String> settings = new HashMap<>(Map.of("continuum.demo-data", "false",
                "continuum.privacy.master-key", masterKey));
        if (previous != null) {
            settings.put("continuum.privacy.previous-master-keys", previous);
        }
        return new PackagedApp(PORT, DB, WORK_DIR, settings);
    }

    private static List<String> masterKeyIds() throws SQLException {
        return column("SELECT DISTINCT master_key_id FROM privacy_data_key WHERE wrapped IS NOT NULL", null);
    }

    /** The customer's name and identifiers as stored, in a fixed order. */
    private static List<String> sealedValues(String customerId) throws SQLException {
        List<String> values = new ArrayList<>(column("SELECT display_name FROM customer WHERE id = ?::uuid", customerId));
        values.addAll(column("SELECT value FROM customer_identifier WHERE customer_id = ?::uuid ORDER BY id", customerId));
        return values;
    }

    private static List<String> column(String sql, String parameter) throws SQLException {
        try (var connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            List<String> values = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }
}
