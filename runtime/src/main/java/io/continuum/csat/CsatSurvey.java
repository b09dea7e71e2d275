package io.continuum.csat;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/**
 * One satisfaction survey of one resolution of a conversation: who handled it (agent, queue, channel when it
 * was asked), and the customer's answer once, a score of 1 to 5 and an optional comment. The comment is the
 * customer's words: stored sealed under their data key, unreadable once they are erased.
 */
@Entity
@Table(name = "csat_survey")
public class CsatSurvey extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public UUID customerId;
    public Instant resolvedAt;
    public String agentId;
    public String queue;
    public String channel;
    /** The message that carried the survey to the customer. */
    public UUID messageId;
    public String requestedBy;
    public Instant requestedAt;
    public Instant expiresAt;
    public Short score;
    @Column(name = "comment")
    String sealedComment;
    public String answeredVia;
    public Instant answeredAt;

    public boolean answered() {
        return answeredAt != null;
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** The customer's comment, opened; null when they left none. */
    @Transient
    public String comment() {
        return sealedComment == null ? null : PersonalData.instance().open(sealedComment);
    }

    void answer(int score, String comment, String via, Instant now) {
        this.score = (short) score;
        this.sealedComment = comment == null || comment.isBlank() ? null : PersonalData.instance().seal(customerId, comment.strip());
        this.answeredVia = via;
        this.answeredAt = now;
    }
}
