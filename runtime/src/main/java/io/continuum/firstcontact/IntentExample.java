package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One stored labelled example and where it came from. */
@Entity
@Table(name = "intent_example")
public class IntentExample extends PanacheEntityBase {

    @Id
    public UUID id;
    public String text;
    public String intent;
    public boolean p0;
    public String source;
    public int exampleSetVersion;
    public Instant createdAt;
    public String createdBy;
    /** The customer's message the example was made from (a correction, a review label); null otherwise. */
    public UUID messageId;
    /** The example-set version that took this example back (a revert); null while it counts. */
    public Integer retiredInVersion;
    /** The text's embedding as {@link SentenceEmbeddings#toBytes} stores it, by {@link #embeddingModel}; null until made. */
    public byte[] embedding;
    public String embeddingModel;

    /** The stored embedding if the given model made it; a vector of another model means nothing to this one. */
    Optional<float[]> embeddingBy(String model) {
        return embedding != null && model.equals(embeddingModel) ? Optional.of(SentenceEmbeddings.fromBytes(embedding))
                : Optional.empty();
    }

    LabelledExample labelled() {
        return new LabelledExample(text, Intent.ofWireName(intent).orElseThrow(), p0);
    }
}
