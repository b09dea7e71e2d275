package io.continuum.confirmation;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/**
 * One request to confirm an e-mail address a customer claimed, and the link mailed for it. Only the
 * SHA-256 of the link's token is kept, set when a mail with a fresh token goes out. The address is
 * stored sealed under the claimant's data key and found by its blind index.
 */
@Entity
public class EmailConfirmation extends PanacheEntityBase {

    /** A request's life; the wire names are stored. */
    public enum Status {
        /** Waiting to be mailed (again, after a failed attempt). */
        PENDING,
        /** A link is out; it works until it expires, once. */
        SENT,
        CONFIRMED,
        /** A newer link to the same address replaced this one. */
        SUPERSEDED,
        /** Every attempt to mail it failed. */
        FAILED,
        /** The customer was erased: the address is gone and the link works no more. */
        ERASED;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    @Id
    public UUID id;
    public UUID customerId;
    public UUID conversationId;
    /** The address, opened; what is stored is {@code sealedEmail}. */
    @Transient
    public String email;
    @Column(name = "email")
    String sealedEmail;
    String emailIndex;
    public String status;
    public String tokenHash;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public String requestedBy;
    public Instant createdAt;
    public Instant sentAt;
    public Instant expiresAt;
    public Instant confirmedAt;

    void address(String email, String index) {
        this.email = email;
        sealedEmail = PersonalData.instance().seal(customerId, email);
        emailIndex = index;
    }

    void erased() {
        status = Status.ERASED.wireName();
        email = PersonalData.ERASED;
        sealedEmail = PersonalData.ERASED;
        emailIndex = null;
        tokenHash = null;
        nextAttemptAt = null;
    }

    @PostLoad
    void open() {
        email = PersonalData.instance().open(sealedEmail);
    }

    boolean is(Status expected) {
        return expected.wireName().equals(status);
    }

    /** Still able to bring the owner a working link: waiting to be mailed, or mailed and not expired. */
    boolean isOutstanding(Instant now) {
        return is(Status.PENDING) || is(Status.SENT) && expiresAt.isAfter(now);
    }

    /** A mail with this token goes out now; the token itself is never stored. */
    void sending(String hashOfToken, Instant now, java.time.Duration validFor) {
        tokenHash = hashOfToken;
        attempts++;
        status = Status.SENT.wireName();
        sentAt = now;
        expiresAt = now.plus(validFor);
        lastError = null;
    }

    /** The mail did not go: its token is void; another attempt later with a new one, or none. */
    void notSent(String error, Instant retryAt) {
        tokenHash = null;
        lastError = error;
        status = (retryAt == null ? Status.FAILED : Status.PENDING).wireName();
        nextAttemptAt = retryAt;
        sentAt = null;
        expiresAt = null;
    }

    void confirmed(Instant now) {
        status = Status.CONFIRMED.wireName();
        confirmedAt = now;
    }

    void superseded() {
        status = Status.SUPERSEDED.wireName();
    }
}
