package io.continuum.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** An erased customer's key is gone from memory once the erasure commits, even if another reader cached it meanwhile. */
@QuarkusTest
class DataKeyErasureTest {

    @Inject
    DataKeys keys;

    @Test
    void aKeyReadAgainWhileItsErasureIsUncommittedIsForgottenWhenTheErasureCommits() {
        UUID customer = UUID.randomUUID();
        UUID keyId = QuarkusTransaction.requiringNew().call(() -> keys.forCustomer(customer).orElseThrow().id());

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(keys.destroy(List.of(customer))).isEqualTo(1);
            // another transaction still sees the committed key and caches it again (a consumer opening a message)
            boolean readMeanwhile = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                    .call(() -> keys.byId(keyId).isPresent())).join();
            assertThat(readMeanwhile).as("before the erasure commits, others still read the key").isTrue();
        });

        assertThat(QuarkusTransaction.requiringNew().call(() -> keys.byId(keyId))).as("by id, after the commit").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> keys.forCustomer(customer))).as("by customer").isEmpty();
    }
}
