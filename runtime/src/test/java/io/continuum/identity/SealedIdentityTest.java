package io.continuum.identity;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Identifiers, names and the identifier a merge matched on are in the database only as ciphertext, and
 * every look-up still finds them, through their blind index; erasure and unmerge across a merge; rows
 * from before encryption are sealed at start.
 */
@QuarkusTest
class SealedIdentityTest {

    private static final String HEX_INDEX = "[0-9a-f]{64}";

    @Inject
    DataSource dataSource;
    @Inject
    SealingPlaintextIdentities sealing;

    @Test
    void identifiersNamesAndMergesAreStoredSealedAndEveryKindIsStillFound() throws SQLException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "ana.perez." + unique + "@example.org";
        String phone = "+3491" + digits(unique);
        String handle = "ana_x_" + unique;
        String device = "device-" + unique;
        String name = "Ana Pérez " + unique;

        String visitor = receive(inbound("web_chat", sender(null, null, null, null, device), "a question")).getString("customerId");
        String ana = receive(inbound("email", sender("  " + email.toUpperCase() + " ", "+34 91 " + phone.substring(5), null, name, null),
                "my order is late")).getString("customerId");
        assertThat(receive(inbound("whatsapp", sender(null, phone.substring(1), null, null, null), "any news?"))
                .getString("customerId")).as("the WhatsApp number in E.164 is the same phone").isEqualTo(ana);
        String externalId = "x-" + unique;
        receive(inbound("x", externalId, sender(null, null, handle, null, null), "and here too", null));
        String fromX = receive(inbound("x", sender(null, null, handle, null, null), "again on X")).getString("customerId");
        receive(inbound("web_chat", sender(email, null, null, name, device), "it is me, from the chat"));
        as("agent").body(Map.of("company", "Pérez Hermanos " + unique)).when().patch("/api/v1/customers/{id}", ana)
                .then().statusCode(200);
        assertThat(customer(visitor).getString("mergedInto")).isEqualTo(ana);

        try (Connection db = dataSource.getConnection()) {
            for (Map<String, String> row : rows(db, "SELECT value, value_index FROM customer_identifier WHERE customer_id IN (?, ?, ?)",
                    ana, visitor, fromX)) {
                assertThat(row.get("value")).startsWith("enc:1:");
                assertThat(row.get("value_index")).matches(HEX_INDEX);
            }
            assertThat(rows(db, "SELECT display_name, company FROM customer WHERE id = ?", ana).get(0).values())
                    .allSatisfy(value -> assertThat(value).startsWith("enc:1:"));
            Map<String, String> merge = rows(db, "SELECT identifier_value, reason FROM customer_merge WHERE merged_id = ?", visitor).get(0);
            assertThat(merge.get("identifier_value")).startsWith("enc:1:");
            assertThat(merge.get("reason")).contains("email #").doesNotContain(email);
            assertThat(placesMentioning(db, List.of(email, phone, phone.substring(1), handle, device, name)))
                    .as("tables and columns that hold an identifier or the name in clear").isEmpty();
            assertThat(placesMentioning(db, List.of(externalId))).as("the scan finds what is in clear")
                    .contains("message.external_id holds " + externalId);
        }

        JsonPath profile = customer(ana);
        assertThat(profile.getString("displayName")).isEqualTo(name);
        assertThat(profile.getList("identifiers.value", String.class)).containsExactlyInAnyOrder(email, phone, device);
        assertThat(profile.getString("merges[0].identifierValue")).isEqualTo(email);
        for (Map.Entry<String, String> search : Map.of("email", email.toUpperCase(), "phone", "+34 91 " + phone.substring(5),
                "q", email).entrySet()) {
            as("agent").queryParam(search.getKey(), search.getValue()).when().get("/api/v1/customers")
                    .then().statusCode(200).body("items.id", contains(ana));
        }
        as("agent").queryParam("q", phone.substring(1)).when().get("/api/v1/customers").then().body("items.id", contains(ana));
        as("agent").queryParam("q", handle).when().get("/api/v1/customers").then().body("items.id", contains(fromX));
        as("agent").queryParam("q", name).when().get("/api/v1/customers")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void erasureTakesBothSidesOfAMergeAndUnmergeCannotBringThemBack() throws SQLException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "bo.lind." + unique + "@example.org";
        String phone = "+3493" + digits(unique);
        String byMail = receive(inbound("email", sender(email, null, null, "Bo Lind", null), "first")).getString("customerId");
        String byPhone = receive(inbound("sms", sender(null, phone, null, null, null), "second")).getString("customerId");

        as("supervisor").body(Map.of("otherId", byPhone)).when().post("/api/v1/customers/{id}/merge", byMail)
                .then().statusCode(200);
        assertThat(customer(byMail).getList("identifiers.value", String.class)).containsExactlyInAnyOrder(email, phone);
        as("supervisor").when().post("/api/v1/customers/{id}/unmerge", byPhone).then().statusCode(200);
        assertThat(customer(byPhone).getList("identifiers.value", String.class)).containsExactly(phone);
        assertThat(receive(inbound("sms", sender(null, phone, null, null, null), "third")).getString("customerId"))
                .isEqualTo(byPhone);

        as("supervisor").body(Map.of("otherId", byPhone)).when().post("/api/v1/customers/{id}/merge", byMail)
                .then().statusCode(200);
        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", byMail).then().statusCode(200);
        as("supervisor").when().post("/api/v1/customers/{id}/unmerge", byPhone).then().statusCode(409)
                .body("type", equalTo("https://continuum.io/problems/customer-erased"));
        try (Connection db = dataSource.getConnection()) {
            assertThat(rows(db, "SELECT id FROM customer_identifier WHERE customer_id IN (?, ?)", byMail, byPhone)).isEmpty();
            assertThat(rows(db, "SELECT display_name FROM customer WHERE id = ?", byMail).get(0).get("display_name")).isNull();
        }
        assertThat(customer(byPhone).getList("identifiers")).isEmpty();
        as("agent").body(Map.of("tags", List.of("vip"))).when().patch("/api/v1/customers/{id}", byMail).then().statusCode(409);

        String mailAgain = receive(inbound("email", sender(email.toUpperCase(), null, null, null, null), "me again"))
                .getString("customerId");
        String phoneAgain = receive(inbound("sms", sender(null, phone, null, null, null), "me again")).getString("customerId");
        assertThat(List.of(mailAgain, phoneAgain)).doesNotContain(byMail, byPhone);
        assertThat(customer(mailAgain).getList("identifiers.value", String.class)).containsExactly(email);
    }

    @Test
    void rowsStoredInClearBeforeEncryptionAreSealedAndIndexedOnceAtStart() throws SQLException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "legacy." + unique + "@example.org";
        String learnedAgain = "legacy.again." + unique + "@example.org";
        String newcomer = receive(inbound("email", sender(learnedAgain, null, null, null, null), "hello")).getString("customerId");
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = dataSource.getConnection()) {
            execute(db, "INSERT INTO customer (id, display_name, company, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    survivor, "Old Name " + unique, "Old Company " + unique, now, now);
            execute(db, "INSERT INTO customer (id, merged_into, created_at, updated_at) VALUES (?, ?, ?, ?)", merged, survivor, now, now);
            execute(db, "INSERT INTO customer_identifier (id, customer_id, kind, network, value, verified, created_at) "
                    + "VALUES (?, ?, 'email', '', ?, true, ?)", UUID.randomUUID(), survivor, email, now);
            execute(db, "INSERT INTO customer_identifier (id, customer_id, kind, network, value, verified, created_at) "
                    + "VALUES (?, ?, 'email', '', ?, true, ?)", UUID.randomUUID(), survivor, learnedAgain, now);
            execute(db, "INSERT INTO customer_merge (id, surviving_id, merged_id, reason, identifier_kind, identifier_value, actor, "
                            + "merged_at) VALUES (?, ?, ?, ?, 'email', ?, 'system:identity-resolution', ?)", UUID.randomUUID(),
                    survivor, merged, "Message 1 came from email " + email + " of customer " + survivor, email, now);
        }

        sealing.onStart(new StartupEvent());

        List<String> sealedOnce;
        try (Connection db = dataSource.getConnection()) {
            sealedOnce = sealedColumns(db, survivor);
            assertThat(sealedOnce).allSatisfy(value -> assertThat(value).startsWith("enc:1:"));
            assertThat(rows(db, "SELECT value_index FROM customer_identifier WHERE customer_id = ?", survivor).get(0)
                    .get("value_index")).matches(HEX_INDEX);
            assertThat(rows(db, "SELECT reason FROM customer_merge WHERE surviving_id = ?", survivor).get(0).get("reason"))
                    .contains("email #").doesNotContain(email);
        }
        as("agent").queryParam("email", email).when().get("/api/v1/customers").then().body("items.id", contains(survivor.toString()));
        assertThat(receive(inbound("email", sender(email, null, null, null, null), "still me")).getString("customerId"))
                .isEqualTo(survivor.toString());
        JsonPath profile = customer(survivor.toString());
        assertThat(profile.getString("displayName")).isEqualTo("Old Name " + unique);
        assertThat(profile.getString("company")).isEqualTo("Old Company " + unique);
        assertThat(profile.getString("merges[0].identifierValue")).isEqualTo(email);
        assertThat(profile.getList("claims.value", String.class))
                .as("an address another customer learned while it was in clear stays a claim for an agent to confirm")
                .containsExactly(learnedAgain);
        assertThat(receive(inbound("email", sender(learnedAgain, null, null, null, null), "hello again"))
                .getString("customerId")).isEqualTo(newcomer);

        sealing.onStart(new StartupEvent());
        try (Connection db = dataSource.getConnection()) {
            assertThat(sealedColumns(db, survivor)).as("a second run leaves sealed rows alone").isEqualTo(sealedOnce);
        }
    }

    private static List<String> sealedColumns(Connection db, UUID customerId) throws SQLException {
        List<String> values = new ArrayList<>();
        values.addAll(rows(db, "SELECT display_name, company FROM customer WHERE id = ?", customerId).get(0).values());
        for (Map<String, String> identifier : rows(db, "SELECT value FROM customer_identifier WHERE customer_id = ? ORDER BY id",
                customerId)) {
            values.add(identifier.get("value"));
        }
        values.add(rows(db, "SELECT identifier_value FROM customer_merge WHERE surviving_id = ?", customerId).get(0)
                .get("identifier_value"));
        return values;
    }

    /** Every table.column of the database whose text (text, varchar, jsonb, arrays) contains one of the needles. */
    private static List<String> placesMentioning(Connection db, List<String> needles) throws SQLException {
        List<String> places = new ArrayList<>();
        for (Map<String, String> column : rows(db, "SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')")) {
            // names from information_schema itself, quoted
            String sql = "SELECT count(*) AS hits FROM \"" + column.get("table_name") + "\" WHERE position(? IN \""
                    + column.get("column_name") + "\"::text) > 0";
            for (String needle : needles) {
                if (!"0".equals(rows(db, sql, needle).get(0).get("hits"))) {
                    places.add(column.get("table_name") + "." + column.get("column_name") + " holds " + needle);
                }
            }
        }
        return places;
    }

    private static List<Map<String, String>> rows(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof String text && text.matches("[0-9a-f-]{36}")
                        ? UUID.fromString(text) : parameters[i]);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnName(column), result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** Seven digits drawn from a hex string, for a phone number of this run's own. */
    private static String digits(String hex) {
        StringBuilder digits = new StringBuilder();
        for (char c : (hex + hex).toCharArray()) {
            digits.append(Character.digit(c, 16) % 10);
        }
        return digits.substring(0, 7);
    }
}
