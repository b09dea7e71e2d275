package io.continuum.channels;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.delivery.ChannelAdapters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Files a channel announced with a message but could not deliver then (its media server failed):
 * the message is stored at once, and the file is fetched here later, with doubling backoff, and
 * attached to the message. A file over the size limit is refused; one that never comes is given up
 * after the last attempt, with an error in the log.
 */
@ApplicationScoped
public class PendingAttachments {

    private static final Logger LOG = Logger.getLogger(PendingAttachments.class);
    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final ChannelAdapters adapters;
    private final ConversationTimeline timeline;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration initialBackoff;

    PendingAttachments(EntityManager entityManager, ChannelAdapters adapters, ConversationTimeline timeline, Clock clock,
                       @ConfigProperty(name = "continuum.channels.pending-files.max-attempts") int maxAttempts,
                       @ConfigProperty(name = "continuum.channels.pending-files.initial-backoff") Duration initialBackoff) {
        this.entityManager = entityManager;
        this.adapters = adapters;
        this.timeline = timeline;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
    }

    /** Records the files to fetch for a stored message, once (a redelivered message records nothing new). */
    void register(UUID messageId, String channel, List<InboundBatch.PendingFile> files) {
        if (files.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> files.forEach(file -> entityManager.createNativeQuery("""
                        INSERT INTO pending_attachment (id, message_id, channel, reference, file_name, status, next_attempt_at,
                            last_error, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?6, ?6)
                        ON CONFLICT (message_id, reference) DO NOTHING""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, messageId)
                .setParameter(3, channel)
                .setParameter(4, file.reference())
                .setParameter(5, file.fileName())
                .setParameter(6, now.plus(initialBackoff))
                .setParameter(7, String.valueOf(file.reason()))
                .executeUpdate()));
    }

    private record Due(UUID id, UUID messageId, String channel, String reference, String fileName, int attempts) {
    }

    @Scheduled(every = "{continuum.channels.pending-files.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fetchDue() {
        try {
            for (Due due : QuarkusTransaction.requiringNew().call(this::claimDue)) {
                fetch(due);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Fetching pending attachments failed: %s; the next pass tries again", e.getClass().getName());
        }
    }

    /** Claims due files by moving their next attempt ahead: a second node or pass does not fetch them meanwhile. */
    private List<Due> claimDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, message_id, channel, reference, file_name, attempts FROM pending_attachment
                        WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        List<Due> due = rows.stream().map(row -> new Due((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                (String) row[4], ((Number) row[5]).intValue() + 1)).toList();
        for (Due file : due) {
            entityManager.createNativeQuery("UPDATE pending_attachment SET attempts = ?1, next_attempt_at = ?2, updated_at = ?3 WHERE id = ?4")
                    .setParameter(1, file.attempts())
                    .setParameter(2, now.plus(backoff(file.attempts())))
                    .setParameter(3, now)
                    .setParameter(4, file.id())
                    .executeUpdate();
        }
        return due;
    }

    private void fetch(Due due) {
        Optional<ChannelAdapter<Object>> adapter = adapters.forChannel(due.channel());
        Optional<NormalizedMessage.InboundAttachment> file;
        try {
            if (adapter.isEmpty()) {
                throw new IOException("no adapter for " + due.channel());
            }
            file = adapter.get().fetchPendingFile(new InboundBatch.PendingFile(due.reference(), due.fileName(), null));
        } catch (IOException e) {
            boolean last = due.attempts() >= maxAttempts;
            if (last) {
                LOG.errorf("Gave up fetching the %s file %s of message %s after %d attempts", due.channel(), due.id(),
                        due.messageId(), due.attempts());
            }
            finish(due, last ? "failed" : "pending", e.getMessage());
            return;
        }
        if (file.isEmpty()) {
            finish(due, "refused", "over the size limit");
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            timeline.attachLater(due.messageId(), file.get());
            setStatus(due, "fetched", null);
        });
    }

    private void finish(Due due, String status, String error) {
        QuarkusTransaction.requiringNew().run(() -> setStatus(due, status, error));
    }

    private void setStatus(Due due, String status, String error) {
        entityManager.createNativeQuery("UPDATE pending_attachment SET status = ?1, last_error = ?2, updated_at = ?3 WHERE id = ?4")
                .setParameter(1, status)
                .setParameter(2, error == null ? "" : error)
                .setParameter(3, clock.instant())
                .setParameter(4, due.id())
                .executeUpdate();
    }

    private Duration backoff(int attempts) {
        Duration next = initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 10));
        return next.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : next;
    }
}
