package io.continuum.conversation;

import io.continuum.privacy.PersonalData;
import io.continuum.privacy.SealedJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A message in a conversation's timeline, inbound from the customer or outbound from us. Its text is
 * stored sealed under the data key of the conversation's customer and opened when it is loaded, and so is
 * the AI's reading of it.
 */
@Entity
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String channel;
    public String externalId;
    public String direction;
    /** The text, opened; what is stored is {@code sealedContent}. */
    @Transient
    public String content;
    @Column(name = "content")
    String sealedContent;
    public UUID senderCustomerId;
    public String author;
    public String threadRef;
    /** The AI's reading of the text, opened (empty once the customer is erased); stored sealed in {@code sealedAnnotations}. */
    @Transient
    public Map<String, Object> aiAnnotations = new HashMap<>();
    @Column(name = "ai_annotations")
    String sealedAnnotations = "{}";
    public String deliveryStatus;
    /** The language first contact detected in an inbound text (ISO 639-1); null when it could not tell. */
    public String language;
    /** The classifier's intent and confidence for an inbound text (the reading itself is in the sealed annotations). */
    public String aiIntent;
    public Double aiConfidence;
    /** When an analyst labelled the AI's reading of it from the unsure list (it became an example); null until then. */
    public Instant labelledAt;
    public Instant receivedAt;
    public Instant createdAt;

    /** A reply an agent wrote: automated senders are named "ai:…", "system:…" or "rule:…", people by their user name. */
    public boolean writtenByAPerson() {
        return Direction.OUTBOUND.wireName().equals(direction) && author != null && !author.contains(":");
    }

    /** Sets the text, sealed under the data key of the customer the conversation belongs to. */
    public void write(UUID customerId, String text) {
        content = text;
        sealedContent = PersonalData.instance().seal(customerId, text);
    }

    /** Sets the AI's reading of the text, sealed like the text: it quotes it (entities, summary). */
    void annotate(UUID customerId, Map<String, Object> reading) {
        aiAnnotations = reading;
        sealedAnnotations = SealedJson.instance().seal(customerId, reading);
    }

    @PostLoad
    void open() {
        content = PersonalData.instance().open(sealedContent);
        aiAnnotations = SealedJson.instance().open(sealedAnnotations).orElseGet(HashMap::new);
    }
}
