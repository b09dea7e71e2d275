package io.continuum.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes every recorded reply ({@code message.sent}) to the customer through its channel's adapter:
 * due deliveries are claimed, an attempt row is committed before the channel is called (so one
 * attempt sends at most once), failures are retried with doubling backoff and end as dead letters
 * a supervisor can retry; an attempt whose outcome is unknown is never repeated by itself. A web chat reply
 * whose visitor has gone goes by e-mail when the customer left an address, in the same conversation. How each
 * reply may go (free-form, template, e-mail, not at all) is decided once, when it is queued, by channel-reply.dmn
 * ({@link ChannelReplyPolicy}). Nothing goes on a channel the customer opted out of there (SMS STOP): it is a dead
 * letter, explained as a decision.
 */
@ApplicationScoped
public class OutboundDelivery {

    private static final Logger LOG = Logger.getLogger(OutboundDelivery.class);
    private static final int BATCH = 20;
    private static final List<String> STATUS_ORDER = List.of("sent", "delivered", "read");

    /** A reply's channel and status before and after it falls back to e-mail, with the reason after. */
    private record ChannelFallback(String channel, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    private record Status(String status) {
    }

    private final IdempotentConsumer idempotent;
    private final ChannelAdapters adapters;
    private final Addressing addressing;
    private final DeliveryConfig config;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Event<ReplyHeldForConfirmation> held;
    private final ChannelReplyPolicy replyPolicy;
    private final ChannelOptOuts optOuts;
    private final Clock clock;

    OutboundDelivery(IdempotentConsumer idempotent, ChannelAdapters adapters, Addressing addressing, DeliveryConfig config,
                     AuditTrail audit, EntityManager entityManager, Conversations conversations,
                     ConversationTimeline timeline, Event<ReplyHeldForConfirmation> held, ChannelReplyPolicy replyPolicy,
                     ChannelOptOuts optOuts, Clock clock) {
        this.replyPolicy = replyPolicy;
        this.optOuts = optOuts;
        this.conversations = conversations;
        this.held = held;
        this.timeline = timeline;
        this.idempotent = idempotent;
        this.adapters = adapters;
        this.addressing = addressing;
        this.config = config;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    void onMessageSent(@Observes DomainEvent event) {
        if (Topics.MESSAGE_SENT.equals(event.topic())) {
            idempotent.handleOnce("outbound-delivery", event,
                    () -> enqueue(UUID.fromString(event.payload().path("messageId").asText())));
        }
    }

    private void enqueue(UUID messageId) {
        if (Delivery.count("messageId", messageId) > 0) {
            return;
        }
        Message message = timeline.findMessage(messageId).orElseThrow();
        Instant now = clock.instant();
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.messageId = messageId;
        delivery.conversationId = message.conversationId;
        delivery.channel = message.channel;
        delivery.status = DeliveryState.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        applyReplyPolicy(delivery, message);
        delivery.persist();
    }

    /**
     * channel-reply.dmn decides, once, how the reply may reach the customer: free-form or as a template (the
     * adapter is told when it is addressed), by e-mail in the same conversation, or not at all: a dead letter
     * with the reason, never a message the platform refuses.
     */
    private void applyReplyPolicy(Delivery delivery, Message message) {
        UUID customerId = conversations.require(message.conversationId).customerId;
        ReplyMode mode = replyPolicy.decide(message, customerId);
        delivery.replyMode = mode.wireName();
        if (mode == ReplyMode.EMAIL) {
            ChannelFallback before = new ChannelFallback(delivery.channel, delivery.status, null);
            delivery.fallbackFrom = delivery.channel;
            delivery.channel = Channels.EMAIL;
            timeline.redirect(delivery.messageId, Channels.EMAIL);
            audit.record("delivery", delivery.id, "channel-fallback", Actor.system("outbound-delivery"), before,
                    new ChannelFallback(delivery.channel, delivery.status, "outside the " + delivery.fallbackFrom
                            + " messaging window (channel-reply)"));
        } else if (mode == ReplyMode.UNDELIVERABLE) {
            delivery.status = DeliveryState.DEAD;
            delivery.lastError = "outside the " + delivery.channel + " messaging window, with no template allowed and no "
                    + "verified e-mail address (channel-reply)";
            setMessageStatus(delivery.messageId, "failed");
            LOG.warnf("Delivery %s on %s is a dead letter: %s", delivery.id, delivery.channel, delivery.lastError);
        }
    }

    @Scheduled(every = "{continuum.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        List<UUID> claimed = QuarkusTransaction.requiringNew().call(this::claimDue);
        for (UUID deliveryId : claimed) {
            attempt(deliveryId);
        }
        QuarkusTransaction.requiringNew().run(this::deadLetterStuckAttempts);
    }

    private List<UUID> claimDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("SELECT id FROM delivery WHERE status = 'pending' AND next_attempt_at <= ?1 "
                        + "ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, now)
                .getResultList();
        for (UUID id : ids) {
            Delivery delivery = Delivery.findById(id);
            delivery.status = DeliveryState.SENDING;
            delivery.attempts++;
            delivery.updatedAt = now;
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = id;
            attempt.attempt = delivery.attempts;
            attempt.channel = delivery.channel;
            attempt.startedAt = now;
            attempt.persist();
        }
        return ids;
    }

    private record Send(ChannelAdapter<Object> adapter, OutboundMessage message, int attempt) {
    }

    private void attempt(UUID deliveryId) {
        Optional<Send> send;
        try {
            send = QuarkusTransaction.requiringNew().call(() -> prepare(deliveryId));
        } catch (RuntimeException e) {
            LOG.errorf("Could not prepare delivery %s: %s", deliveryId, e.getClass().getName());
            QuarkusTransaction.requiringNew().run(() -> failed(deliveryId,
                    new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "could not prepare: " + e.getClass().getSimpleName())));
            return;
        }
        if (send.isEmpty()) {
            return;
        }
        try {
            DeliveryReceipt receipt = send.get().adapter().deliver(send.get().message());
            QuarkusTransaction.requiringNew().run(() -> succeeded(deliveryId, receipt));
        } catch (DeliveryFailure failure) {
            QuarkusTransaction.requiringNew().run(() -> failed(deliveryId, failure));
        } catch (RuntimeException e) {
            LOG.errorf("Channel adapter failed on delivery %s: %s", deliveryId, e.getClass().getName());
            QuarkusTransaction.requiringNew().run(() -> failed(deliveryId,
                    new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "adapter error: " + e.getClass().getSimpleName())));
        }
    }

    private Optional<Send> prepare(UUID deliveryId) {
        Delivery delivery = Delivery.findById(deliveryId);
        Optional<ChannelAdapter<Object>> adapter = adapters.forChannel(delivery.channel);
        if (adapter.isEmpty()) {
            failed(deliveryId, new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "no adapter for channel " + delivery.channel));
            return Optional.empty();
        }
        Optional<String> optedOut = optOuts.refusal(conversations.require(delivery.conversationId).customerId, delivery.channel,
                delivery.conversationId);
        if (optedOut.isPresent()) {
            failed(deliveryId, new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, optedOut.get()));
            return Optional.empty();
        }
        Message message = timeline.findMessage(delivery.messageId).orElseThrow();
        return Optional.of(new Send(adapter.get(), addressing.address(delivery, message), delivery.attempts));
    }

    private void succeeded(UUID deliveryId, DeliveryReceipt receipt) {
        Instant now = clock.instant();
        Delivery delivery = Delivery.findById(deliveryId);
        finishAttempt(delivery, "sent", null, now);
        delivery.status = DeliveryState.SENT;
        delivery.providerMessageId = receipt.providerMessageId();
        delivery.providerStatus = "sent";
        delivery.lastError = null;
        delivery.updatedAt = now;
        setMessageStatus(delivery.messageId, "sent");
    }

    private void failed(UUID deliveryId, DeliveryFailure failure) {
        Instant now = clock.instant();
        Delivery delivery = Delivery.findById(deliveryId);
        finishAttempt(delivery, failure.kind().name().toLowerCase(), failure.getMessage(), now);
        delivery.lastError = failure.getMessage();
        delivery.updatedAt = now;
        if (failure.kind() == DeliveryFailure.Kind.UNREACHABLE && Channels.WEB_CHAT.equals(delivery.channel)) {
            visitorGone(delivery, now);
            return;
        }
        boolean exhausted = delivery.attempts - delivery.retryBase >= config.maxAttempts();
        if (failure.kind() != DeliveryFailure.Kind.TRANSIENT || exhausted) {
            delivery.status = DeliveryState.DEAD;
            // an attempt that may have reached the customer is never sent again by itself
            setMessageStatus(delivery.messageId, failure.kind() == DeliveryFailure.Kind.UNKNOWN_OUTCOME ? "unknown" : "failed");
            LOG.warnf("Delivery %s on %s is a dead letter after %d attempts: %s", delivery.id, delivery.channel,
                    delivery.attempts, failure.getMessage());
            return;
        }
        delivery.status = DeliveryState.PENDING;
        delivery.nextAttemptAt = now.plus(config.backoffAfter(delivery.attempts - delivery.retryBase));
        setMessageStatus(delivery.messageId, "retrying");
    }

    /**
     * The chat is over (visitor left or timed out): the reply continues by e-mail if the address is
     * verified. An address the visitor only typed may be somebody else's: the reply waits, and its owner
     * is asked to confirm it ({@link ReplyHeldForConfirmation}, in this transaction, so a held reply always
     * has its confirmation on the way). Otherwise it waits for the visitor to come back.
     */
    private void visitorGone(Delivery delivery, Instant now) {
        UUID customerId = conversations.require(delivery.conversationId).customerId;
        String email = addressing.recipientOf(customerId, Channels.EMAIL).email();
        ChannelFallback before = new ChannelFallback(delivery.channel, delivery.status, null);
        String reason;
        if (email != null) {
            delivery.fallbackFrom = delivery.channel;
            delivery.channel = Channels.EMAIL;
            delivery.status = DeliveryState.PENDING;
            delivery.nextAttemptAt = now;
            timeline.redirect(delivery.messageId, Channels.EMAIL);
            setMessageStatus(delivery.messageId, "queued");
            reason = "continuing by e-mail";
        } else {
            Optional<String> claimed = addressing.claimedEmailOf(customerId);
            if (claimed.isPresent()) {
                delivery.status = DeliveryState.AWAITING_CONFIRMATION;
                setMessageStatus(delivery.messageId, DeliveryState.AWAITING_CONFIRMATION);
                held.fire(new ReplyHeldForConfirmation(customerId, delivery.conversationId, claimed.get()));
                reason = "the visitor's e-mail address is only claimed, waiting for its confirmation";
            } else {
                delivery.status = DeliveryState.AWAITING_VISITOR;
                setMessageStatus(delivery.messageId, "awaiting_visitor");
                reason = "no e-mail known, waiting for the visitor";
            }
        }
        ChannelFallback after = new ChannelFallback(delivery.channel, delivery.status,
                "web chat visitor has no active chat; " + reason);
        audit.record("delivery", delivery.id, "channel-fallback", Actor.system("outbound-delivery"), before, after);
    }

    /**
     * The customer confirmed an address (they opened the link we mailed to it): every reply that waited
     * for it continues by e-mail. Runs in the confirming transaction; a reply already released (the
     * visitor came back, or an earlier confirmation) is not in this state any more, so none goes twice.
     *
     * @return how many replies were released
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int addressConfirmed(UUID customerId) {
        List<UUID> theirConversations = conversations.idsOfCustomer(customerId);
        if (theirConversations.isEmpty()) {
            return 0;
        }
        List<Delivery> waiting = Delivery.list("status = ?1 and conversationId in ?2", DeliveryState.AWAITING_CONFIRMATION,
                theirConversations);
        Instant now = clock.instant();
        for (Delivery delivery : waiting) {
            ChannelFallback before = new ChannelFallback(delivery.channel, delivery.status, null);
            delivery.fallbackFrom = delivery.channel;
            delivery.channel = Channels.EMAIL;
            delivery.status = DeliveryState.PENDING;
            delivery.nextAttemptAt = now;
            delivery.updatedAt = now;
            timeline.redirect(delivery.messageId, Channels.EMAIL);
            setMessageStatus(delivery.messageId, "queued");
            audit.record("delivery", delivery.id, "channel-fallback", Actor.system("outbound-delivery"), before,
                    new ChannelFallback(delivery.channel, delivery.status, "the e-mail address was confirmed"));
        }
        return waiting.size();
    }

    private void finishAttempt(Delivery delivery, String outcome, String detail, Instant now) {
        DeliveryAttempt.<DeliveryAttempt>find("deliveryId = ?1 and attempt = ?2", delivery.id, delivery.attempts)
                .firstResultOptional().ifPresent(attempt -> {
                    attempt.outcome = outcome;
                    attempt.detail = detail;
                    attempt.finishedAt = now;
                });
    }

    private void deadLetterStuckAttempts() {
        Instant cutoff = clock.instant().minus(config.stuckAfter());
        List<Delivery> stuck = Delivery.list("status = ?1 and updatedAt < ?2", DeliveryState.SENDING, cutoff);
        for (Delivery delivery : stuck) {
            delivery.status = DeliveryState.DEAD;
            delivery.lastError = "attempt " + delivery.attempts + " ended unseen; it may or may not have reached the customer";
            delivery.updatedAt = clock.instant();
            setMessageStatus(delivery.messageId, "unknown");
            LOG.warnf("Delivery %s: attempt %d ended unseen, moved to dead letters instead of sending again", delivery.id, delivery.attempts);
        }
    }

    /** The web chat visitor is back: replies that waited for them (or for their address's confirmation) go out over the new socket. */
    @Transactional
    public int visitorReturned(UUID customerId) {
        List<UUID> theirConversations = conversations.idsOfCustomer(customerId);
        if (theirConversations.isEmpty()) {
            return 0;
        }
        return entityManager.createQuery("update Delivery set status = :pending, nextAttemptAt = :now, updatedAt = :now "
                        + "where status in :awaiting and conversationId in :conversations")
                .setParameter("pending", DeliveryState.PENDING)
                .setParameter("awaiting", List.of(DeliveryState.AWAITING_VISITOR, DeliveryState.AWAITING_CONFIRMATION))
                .setParameter("now", clock.instant())
                .setParameter("conversations", theirConversations)
                .executeUpdate();
    }

    /** A channel's report on a message we sent; statuses only move forward (a late "delivered" never undoes "read"). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(DeliveryStatusUpdate update) {
        Optional<Delivery> found = Delivery.find("channel = ?1 and providerMessageId = ?2", update.channel(),
                update.providerMessageId()).firstResultOptional();
        if (found.isEmpty()) {
            LOG.debugf("Status %s for a %s message we did not send", update.status().wireName(), update.channel());
            return;
        }
        Delivery delivery = found.get();
        String next = update.status().wireName();
        boolean forward = update.status() == DeliveryStatusUpdate.Status.FAILED
                ? !"read".equals(delivery.providerStatus)
                : STATUS_ORDER.indexOf(next) > STATUS_ORDER.indexOf(delivery.providerStatus);
        if (!forward) {
            return;
        }
        delivery.providerStatus = next;
        delivery.updatedAt = clock.instant();
        if (update.status() == DeliveryStatusUpdate.Status.FAILED) {
            delivery.lastError = update.reason() == null ? "the channel reported the message failed" : update.reason();
        }
        setMessageStatus(delivery.messageId, next);
    }

    public List<Delivery> deadLetters(int limit) {
        return Delivery.<Delivery>find("status = ?1 order by updatedAt desc", DeliveryState.DEAD).page(0, limit).list();
    }

    public Optional<Delivery> ofMessage(UUID messageId) {
        return Delivery.find("messageId", messageId).firstResultOptional();
    }

    public List<DeliveryAttempt> attemptsOf(UUID deliveryId) {
        return DeliveryAttempt.list("deliveryId = ?1 order by attempt", deliveryId);
    }

    /** A supervisor sends a dead letter again: one more full round of attempts. */
    @Transactional
    public Delivery retry(UUID deliveryId, String supervisor) {
        Delivery delivery = Delivery.<Delivery>findByIdOptional(deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
        if (!DeliveryState.DEAD.equals(delivery.status)) {
            throw ProblemException.conflict("not-a-dead-letter", "Delivery " + deliveryId + " is " + delivery.status
                    + "; only dead letters can be retried");
        }
        delivery.status = DeliveryState.PENDING;
        delivery.retryBase = delivery.attempts;
        delivery.nextAttemptAt = clock.instant();
        delivery.updatedAt = delivery.nextAttemptAt;
        setMessageStatus(delivery.messageId, "queued");
        audit.record("delivery", deliveryId, "retried", Actor.human(supervisor), new Status(DeliveryState.DEAD),
                new Status(DeliveryState.PENDING));
        return delivery;
    }

    private void setMessageStatus(UUID messageId, String status) {
        timeline.setDeliveryStatus(messageId, status);
    }
}
