package io.continuum.channels;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.platform.SqlValues;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.delivery.ChannelAdapters;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Inbound items that could not become messages, kept raw instead of failing the items delivered with
 * them (a WhatsApp batch, a mailbox): listed for supervisors, downloadable, and retried on request
 * through the channel's adapter and the normal inbox, once the cause is fixed.
 */
@ApplicationScoped
public class InboundQuarantine {

    private static final Logger LOG = Logger.getLogger(InboundQuarantine.class);
    public static final String QUARANTINED = "quarantined";
    public static final String INGESTED = "ingested";
    private static final int MAX_REASON_LENGTH = 1000;

    private final EntityManager entityManager;
    private final ChannelAdapters adapters;
    private final Instance<ChannelInbox> inbox;
    private final AuditTrail audit;
    private final MeterRegistry meters;
    private final Clock clock;

    InboundQuarantine(EntityManager entityManager, ChannelAdapters adapters, Instance<ChannelInbox> inbox, AuditTrail audit,
                      MeterRegistry meters, Clock clock) {
        this.entityManager = entityManager;
        this.adapters = adapters;
        this.inbox = inbox;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
    }

    public record Entry(UUID id, String channel, String reference, String reason, String rawType, long rawBytes, String status,
                        int attempts, Instant receivedAt, Instant retriedAt, String retriedBy, UUID messageId) {
    }

    public record Raw(byte[] bytes, String type) {
    }

    /**
     * Keeps a refused item in its own transaction; the same item delivered again (same channel and
     * reference) is kept once. An item without a reference is known by the SHA-256 of its bytes.
     */
    public UUID keep(InboundBatch.Rejected rejected) {
        String channel = rejected.channel();
        String reference = rejected.reference() == null || rejected.reference().isBlank()
                ? "sha256:" + rejected.raw().sha256() : rejected.reference();
        String reason = rejected.reason() == null ? "unreadable" : rejected.reason();
        UUID id = QuarkusTransaction.requiringNew().call(() -> (UUID) entityManager.createNativeQuery("""
                        INSERT INTO inbound_quarantine (id, channel, reference, reason, raw, raw_type, status, received_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'quarantined', ?7)
                        ON CONFLICT (channel, reference) DO UPDATE SET reason = CASE WHEN inbound_quarantine.status = 'quarantined'
                            THEN EXCLUDED.reason ELSE inbound_quarantine.reason END
                        RETURNING id""", UUID.class)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, channel)
                .setParameter(3, reference)
                .setParameter(4, reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason)
                .setParameter(5, rejected.raw().bytes())
                .setParameter(6, rejected.raw().contentType())
                .setParameter(7, clock.instant())
                .getSingleResult());
        meters.counter("continuum.inbound.quarantined", "channel", channel).increment();
        // the reason can quote the item (an address, a header): it stays in the supervisor-only row, not in the log
        LOG.warnf("Quarantined an inbound %s item %s; see GET /api/v1/channels/quarantine/%s", channel, id, id);
        return id;
    }

    public List<Entry> list(String status, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(SELECT + "WHERE status = ?1 ORDER BY received_at DESC LIMIT ?2")
                    .setParameter(1, status)
                    .setParameter(2, limit)
                    .getResultList();
            return rows.stream().map(InboundQuarantine::entry).toList();
        });
    }

    public Optional<Entry> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(SELECT + "WHERE id = ?1").setParameter(1, id).getResultList();
            return rows.stream().findFirst().map(InboundQuarantine::entry);
        });
    }

    public Optional<Raw> raw(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("SELECT raw, raw_type FROM inbound_quarantine WHERE id = ?1")
                    .setParameter(1, id).getResultList();
            return rows.stream().findFirst().map(row -> new Raw((byte[]) row[0], (String) row[1]));
        });
    }

    /**
     * Reads the kept item again through its channel's adapter and the inbox. Succeeds when it became
     * a message (or was one already); otherwise the item stays quarantined with the new reason (422).
     */
    public Entry retry(UUID id, String supervisor) {
        Entry entry = find(id).orElseThrow(() -> ProblemException.notFound("Quarantined item", id));
        if (!QUARANTINED.equals(entry.status())) {
            throw ProblemException.conflict("not-quarantined", "Item " + id + " is " + entry.status() + "; only quarantined items are retried");
        }
        ChannelAdapter<Object> adapter = adapters.forChannel(entry.channel())
                .orElseThrow(() -> ProblemException.conflict("no-adapter", "No adapter reads " + entry.channel() + " items"));
        Raw raw = raw(id).orElseThrow(() -> ProblemException.notFound("Quarantined item", id));
        String failure;
        UUID messageId = null;
        try {
            InboundBatch batch = adapter.normaliseRaw(raw.bytes());
            if (!batch.rejected().isEmpty() || batch.messages().isEmpty()) {
                failure = batch.rejected().isEmpty() ? "it holds no message" : batch.rejected().get(0).reason();
            } else {
                List<InboundSink.Accepted> accepted = inbox.get().acceptWithoutQuarantine(batch);
                messageId = accepted.get(0).messageId();
                failure = null;
            }
        } catch (ChannelInbox.Refused refused) {
            failure = refused.getMessage();
        } catch (RuntimeException unreadable) {
            failure = unreadable.getMessage() == null ? unreadable.getClass().getSimpleName() : unreadable.getMessage();
        }
        Instant now = clock.instant();
        UUID ingested = messageId;
        String reason = failure;
        QuarkusTransaction.requiringNew().run(() -> {
            if (ingested == null) {
                entityManager.createNativeQuery("""
                                UPDATE inbound_quarantine SET attempts = attempts + 1, retried_at = ?1, retried_by = ?2, reason = ?3
                                WHERE id = ?4""")
                        .setParameter(1, now).setParameter(2, supervisor).setParameter(3, reason).setParameter(4, id)
                        .executeUpdate();
            } else {
                entityManager.createNativeQuery("""
                                UPDATE inbound_quarantine SET attempts = attempts + 1, retried_at = ?1, retried_by = ?2,
                                    status = 'ingested', message_id = ?3 WHERE id = ?4""")
                        .setParameter(1, now).setParameter(2, supervisor).setParameter(3, ingested).setParameter(4, id)
                        .executeUpdate();
            }
            audit.record("inbound_quarantine", id, ingested == null ? "retry_failed" : "retried", Actor.human(supervisor),
                    Map.of("status", QUARANTINED), Map.of("status", ingested == null ? QUARANTINED : INGESTED));
        });
        if (failure != null) {
            throw new ProblemException(Problem.of(422, "still-unreadable", "Unprocessable Content",
                    "The item still cannot become a message: " + failure));
        }
        return find(id).orElseThrow();
    }

    private static final String SELECT = """
            SELECT id, channel, reference, reason, raw_type, octet_length(raw), status, attempts, received_at, retried_at,
                   retried_by, message_id
            FROM inbound_quarantine
            """;

    private static Entry entry(Object[] row) {
        return new Entry((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                ((Number) row[5]).longValue(), (String) row[6], ((Number) row[7]).intValue(), SqlValues.instant(row[8]),
                SqlValues.instant(row[9]), (String) row[10], (UUID) row[11]);
    }
}
