package io.continuum.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.function.IntSupplier;

/** Work over many rows done a batch per transaction, so a crash midway keeps what was done and nothing waits long on locks. */
public final class Batches {

    private Batches() {
    }

    /**
     * Runs the batch in a new transaction, again and again until one finds nothing to do.
     *
     * @param batch does one batch and says how many rows it handled
     * @return how many rows all the batches handled
     */
    public static int untilNoneLeft(IntSupplier batch) {
        int total = 0;
        for (int handled = QuarkusTransaction.requiringNew().call(batch::getAsInt); handled > 0;
             handled = QuarkusTransaction.requiringNew().call(batch::getAsInt)) {
            total += handled;
        }
        return total;
    }
}
