package io.continuum.conversation;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/** An internal note: seen by the team, never sent to the customer; stored sealed like a message's text. */
@Entity
public class ConversationNote extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String author;
    @Transient
    public String content;
    @Column(name = "content")
    String sealedContent;
    public Instant createdAt;

    /** Sets the text, sealed under the data key of the customer the conversation belongs to. */
    public void write(UUID customerId, String text) {
        content = text;
        sealedContent = PersonalData.instance().seal(customerId, text);
    }

    @PostLoad
    void open() {
        content = PersonalData.instance().open(sealedContent);
    }
}
