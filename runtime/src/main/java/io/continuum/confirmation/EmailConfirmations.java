package io.continuum.confirmation;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.conversation.Conversations;
import io.continuum.delivery.Addressing;
import io.continuum.delivery.ChannelAdapters;
import io.continuum.delivery.OutboundDelivery;
import io.continuum.delivery.ReplyHeldForConfirmation;
import io.continuum.identity.IdentityService;
import io.continuum.privacy.BlindIndex;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Magic-link confirmation of an e-mail address a customer only claimed (typed into the web chat): a
 * link with a single-use, expiring, unguessable token goes to the address through the e-mail channel;
 * whoever opens it owns the mailbox, so the address becomes verified (merging the claimant into the
 * customer who owns it, as an agent's confirmation would) and the replies held for it go out by e-mail.
 * Asked for when a reply would go to the claimed address, or by an agent.
 */
@ApplicationScoped
public class EmailConfirmations {

    private static final Logger LOG = Logger.getLogger(EmailConfirmations.class);
    private static final int BATCH = 20;
    /** 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What opening a link did. */
    public enum Outcome {
        CONFIRMED,
        /** No link ever had this token. */
        UNKNOWN,
        /** The link was used, replaced by a newer one, or expired. */
        GONE
    }

    private record Mail(UUID confirmationId, String tokenHash, String email, UUID conversationId, String token) {
    }

    private record Confirmed(UUID customerId, int repliesReleased) {
    }

    private record Requested(UUID customerId, String requestedBy) {
    }

    private final IdentityService identity;
    private final Conversations conversations;
    private final OutboundDelivery deliveries;
    private final ChannelAdapters adapters;
    private final ConfirmationConfig config;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final BlindIndex blindIndex;
    private final Clock clock;

    EmailConfirmations(IdentityService identity, Conversations conversations, OutboundDelivery deliveries,
                       ChannelAdapters adapters, ConfirmationConfig config, AuditTrail audit, EntityManager entityManager,
                       BlindIndex blindIndex, Clock clock) {
        this.identity = identity;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.adapters = adapters;
        this.config = config;
        this.audit = audit;
        this.entityManager = entityManager;
        this.blindIndex = blindIndex;
        this.clock = clock;
    }

    /**
     * A reply waits for the claimed address: ask its owner, in the delivery's transaction, unless a link
     * to it is already on its way or out (one mail per address, however many replies wait).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onReplyHeld(@Observes ReplyHeldForConfirmation held) {
        boolean outstanding = EmailConfirmation.<EmailConfirmation>list("customerId = ?1 and emailIndex = ?2",
                held.customerId(), indexOf(held.email())).stream().anyMatch(request -> request.isOutstanding(clock.instant()));
        if (!outstanding) {
            request(held.customerId(), held.conversationId(), held.email(), Actor.system("outbound-delivery"));
        }
    }

    /** An agent asks the owner of an address the customer claimed to confirm it: a new link, replacing any earlier one. */
    @Transactional
    public EmailConfirmation requestByAgent(UUID customerId, String email, String agent) {
        boolean claimed = identity.identifiersOf(customerId).stream()
                .anyMatch(id -> !id.verified && "email".equals(id.kind) && id.value.equals(email));
        if (!claimed) {
            throw ProblemException.notFound("Claim of email", email);
        }
        // the mail names the conversation, so an answer to it threads there
        UUID conversationId = conversations.list(new Conversations.ListFilter(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(customerId)), Optional.empty(), 1).stream().findFirst()
                .map(conversation -> conversation.id)
                .orElseThrow(() -> ProblemException.conflict("no-conversation",
                        "Customer " + customerId + " has no conversation a confirmation could name"));
        return request(customerId, conversationId, email, Actor.human(agent));
    }

    private EmailConfirmation request(UUID customerId, UUID conversationId, String email, Actor requester) {
        Instant now = clock.instant();
        EmailConfirmation request = new EmailConfirmation();
        request.id = UUID.randomUUID();
        request.customerId = customerId;
        request.conversationId = conversationId;
        request.address(email, indexOf(email));
        request.status = EmailConfirmation.Status.PENDING.wireName();
        request.nextAttemptAt = now;
        request.requestedBy = requester.name();
        request.createdAt = now;
        request.persist();
        audit.record("email-confirmation", request.id, "requested", requester, null, new Requested(customerId, requester.name()));
        return request;
    }

    /** Mails due links: the token is made, its hash stored and committed before the mail goes, so one attempt mails once. */
    @Scheduled(every = "{continuum.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        for (Mail mail : QuarkusTransaction.requiringNew().call(this::claimDue)) {
            send(mail);
        }
    }

    private List<Mail> claimDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("SELECT id FROM email_confirmation WHERE status = 'pending' "
                        + "AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, now)
                .getResultList();
        List<Mail> mails = new ArrayList<>();
        for (UUID id : ids) {
            EmailConfirmation request = EmailConfirmation.findById(id);
            // a newer link makes the older ones useless: only the last mail works
            EmailConfirmation.<EmailConfirmation>list("customerId = ?1 and emailIndex = ?2 and status = ?3 and id <> ?4",
                            request.customerId, request.emailIndex, EmailConfirmation.Status.SENT.wireName(), request.id)
                    .forEach(EmailConfirmation::superseded);
            String token = newToken();
            request.sending(hash(token), now, config.validFor());
            mails.add(new Mail(request.id, request.tokenHash, request.email, request.conversationId, token));
        }
        return mails;
    }

    private void send(Mail mail) {
        Optional<ChannelAdapter<Object>> email = adapters.forChannel(Channels.EMAIL);
        try {
            if (email.isEmpty()) {
                throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "no e-mail channel");
            }
            email.get().deliver(new OutboundMessage(UUID.randomUUID(), mail.conversationId(), Channels.EMAIL,
                    Addressing.conversationToken(mail.conversationId()), new OutboundMessage.Recipient(null, mail.email(), null, List.of()),
                    text(mail.token()), null, List.of(), null));
        } catch (DeliveryFailure failure) {
            QuarkusTransaction.requiringNew().run(() -> notSent(mail, failure));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> notSent(mail,
                    new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "e-mail channel error: " + e.getClass().getSimpleName())));
        }
    }

    private void notSent(Mail mail, DeliveryFailure failure) {
        EmailConfirmation request = EmailConfirmation.findById(mail.confirmationId(), LockModeType.PESSIMISTIC_WRITE);
        if (!request.is(EmailConfirmation.Status.SENT) || !mail.tokenHash().equals(request.tokenHash)) {
            return;
        }
        boolean retry = failure.kind() == DeliveryFailure.Kind.TRANSIENT && request.attempts < config.maxAttempts();
        Instant retryAt = retry ? clock.instant().plus(backoff(request.attempts)) : null;
        request.notSent(failure.getMessage(), retryAt);
        LOG.warnf("Confirmation mail %s not sent (attempt %d, %s): %s", request.id, request.attempts,
                retry ? "will retry" : "given up", failure.getMessage());
    }

    private Duration backoff(int failures) {
        return config.initialBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
    }

    private String text(String token) {
        return "Someone chatting with us gave this e-mail address for our replies. If it was you, confirm it here so "
                + "that our answers reach you by e-mail:\n\n" + config.publicUrl().replaceAll("/+$", "")
                + "/confirm-email?token=" + token + "\n\nThe link works once, for " + describe(config.validFor())
                + ". If you did not chat with us, ignore this e-mail: nothing will be sent to you.";
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " hours" : duration.toMinutes() + " minutes";
    }

    /** The customers are erased: their confirmations lose the address, and their links stop working. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Set<UUID> customerIds) {
        EmailConfirmation.<EmailConfirmation>list("customerId in ?1", customerIds).forEach(EmailConfirmation::erased);
    }

    /** Whether a token would confirm something now, without using it (the page that asks the owner to confirm). */
    @Transactional
    public Outcome check(String token) {
        return find(token, false).map(request -> usable(request) ? Outcome.CONFIRMED : Outcome.GONE).orElse(Outcome.UNKNOWN);
    }

    /**
     * The owner opened the link and confirmed: the address becomes verified (or the claimant joins its
     * owner) and the replies held for it are released, all in one transaction; the token never works again.
     */
    @Transactional
    public Outcome confirm(String token) {
        Optional<EmailConfirmation> found = find(token, true);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        EmailConfirmation request = found.get();
        if (!usable(request)) {
            return Outcome.GONE;
        }
        Optional<UUID> holder = identity.confirmEmailByLink(request.customerId, request.email);
        if (holder.isEmpty()) {
            request.superseded();
            return Outcome.GONE;
        }
        request.confirmed(clock.instant());
        int released = deliveries.addressConfirmed(holder.get());
        audit.record("email-confirmation", request.id, "confirmed", Actor.system("email-confirmation"), null,
                new Confirmed(holder.get(), released));
        return Outcome.CONFIRMED;
    }

    private boolean usable(EmailConfirmation request) {
        return request.is(EmailConfirmation.Status.SENT) && request.expiresAt.isAfter(clock.instant());
    }

    private static Optional<EmailConfirmation> find(String token, boolean forUpdate) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        var query = EmailConfirmation.<EmailConfirmation>find("tokenHash", hash(token));
        return (forUpdate ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResultOptional();
    }

    private String indexOf(String email) {
        return indexOf(blindIndex, email);
    }

    /** Addresses here are claims as identity keeps them (normalised), so they share the identifiers' blind index. */
    static String indexOf(BlindIndex blindIndex, String email) {
        return blindIndex.of("email", "", email);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
