package io.continuum.confirmation;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confirmation's address is stored sealed under the claimant's key: rows from before encryption are
 * sealed at start (or lose the address when their customer was erased since), and erasing the customer
 * takes the address, its blind index and the link.
 */
@QuarkusTest
class ConfirmationAddressSealingTest {

    @Inject
    DataSource dataSource;
    @Inject
    SealingPlaintextAddresses sealing;

    @Test
    void addressesInClearAreSealedAtStartAndErasureTakesThemWithTheLink() throws SQLException {
        String liveAddress = uniqueEmail("legacy-claim");
        String erasedAddress = uniqueEmail("legacy-erased");
        UUID live = customer(null);
        UUID erased = customer(Instant.now());
        UUID liveConfirmation = confirmation(live, liveAddress);
        UUID erasedConfirmation = confirmation(erased, erasedAddress);

        sealing.onStart(new StartupEvent());

        List<String> sealed = row(liveConfirmation);
        assertThat(sealed.get(0)).startsWith("enc:1:");
        assertThat(sealed.get(1)).matches("[0-9a-f]{64}");
        assertThat(sealed.get(2)).isEqualTo("sent");
        assertThat(row(erasedConfirmation)).containsExactly("[erased]", null, "erased", null);
        sealing.onStart(new StartupEvent());
        assertThat(row(liveConfirmation)).as("a second run leaves sealed rows alone").isEqualTo(sealed);

        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", live).then().statusCode(200);
        assertThat(row(liveConfirmation)).containsExactly("[erased]", null, "erased", null);
    }

    /** email, email_index, status, token_hash */
    private List<String> row(UUID confirmationId) throws SQLException {
        try (Connection db = dataSource.getConnection();
             var query = db.prepareStatement("SELECT email, email_index, status, token_hash FROM email_confirmation WHERE id = ?")) {
            query.setObject(1, confirmationId);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= 4; column++) {
                    values.add(rows.getString(column));
                }
                return values;
            }
        }
    }

    private UUID customer(Instant erasedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = dataSource.getConnection();
             var insert = db.prepareStatement("INSERT INTO customer (id, created_at, updated_at, erased_at) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, erasedAt == null ? null : Timestamp.from(erasedAt));
            insert.executeUpdate();
        }
        return id;
    }

    /** A link mailed before addresses were sealed: the address in clear, no index. */
    private UUID confirmation(UUID customerId, String email) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = dataSource.getConnection();
             var insert = db.prepareStatement("INSERT INTO email_confirmation (id, customer_id, conversation_id, email, status, "
                     + "token_hash, attempts, requested_by, created_at, sent_at, expires_at) "
                     + "VALUES (?, ?, ?, ?, 'sent', ?, 1, 'system:outbound-delivery', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, customerId);
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, email);
            insert.setString(5, EmailConfirmations.hash(UUID.randomUUID().toString()));
            insert.setTimestamp(6, now);
            insert.setTimestamp(7, now);
            insert.setTimestamp(8, Timestamp.from(Instant.now().plusSeconds(3600)));
            insert.executeUpdate();
        }
        return id;
    }
}
