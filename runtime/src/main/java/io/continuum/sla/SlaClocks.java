package io.continuum.sla;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.SlaTargets;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import io.continuum.platform.NativeStatements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, pauses, resumes and stops the SLA clocks of conversations. First-response and
 * resolution clocks start when the live sla-policy sets the targets (counted from the
 * conversation's creation); a next-response clock starts each time the customer writes again
 * after an answer. All clocks pause while the conversation is awaiting_customer and resume on the
 * customer's reply; a person's reply stops the response clocks; resolution stops them all.
 */
@ApplicationScoped
public class SlaClocks {

    /** sla-policy's outputs, as durations and numbers. */
    public record Targets(Duration firstResponse, Duration nextResponse, Duration resolution, double warningThreshold,
                          String calendar, int policyVersion) {
    }

    private final EntityManager entityManager;
    private final Conversations conversations;
    private final IdempotentConsumer idempotent;
    private final SlaConfig config;
    private final Clock clock;

    SlaClocks(EntityManager entityManager, Conversations conversations, IdempotentConsumer idempotent,
              SlaConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.conversations = conversations;
        this.idempotent = idempotent;
        this.config = config;
        this.clock = clock;
    }

    public SlaCalendar calendar(String name) {
        return SlaCalendar.of(name, config);
    }

    /**
     * Starts (or re-targets, when a policy is applied again) the first-response and resolution
     * clocks; warnings or breaches already fired stay fired.
     * @return the conversation's due times on the policy's calendar
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SlaTargets start(Conversation conversation, Targets targets) {
        NativeStatements.touching(entityManager, """
                        INSERT INTO sla_conversation_targets (conversation_id, next_response_seconds, warning_threshold, calendar, policy_version)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (conversation_id) DO UPDATE SET next_response_seconds = excluded.next_response_seconds,
                            warning_threshold = excluded.warning_threshold, calendar = excluded.calendar,
                            policy_version = excluded.policy_version""", "sla_conversation_targets")
                .setParameter(1, conversation.id).setParameter(2, targets.nextResponse().toSeconds())
                .setParameter(3, targets.warningThreshold()).setParameter(4, targets.calendar())
                .setParameter(5, targets.policyVersion()).executeUpdate();
        SlaCalendar on = calendar(targets.calendar());
        boolean answered = SlaClock.count("conversationId = ?1 and kind = ?2 and status = ?3",
                conversation.id, SlaClock.FIRST_RESPONSE, SlaClock.STOPPED) > 0;
        Instant firstDue = answered ? conversation.firstResponseDueAt
                : startOrRetarget(conversation.id, SlaClock.FIRST_RESPONSE, conversation.createdAt, targets.firstResponse(), targets, on).dueAt;
        Instant resolutionDue = startOrRetarget(conversation.id, SlaClock.RESOLUTION, conversation.createdAt,
                targets.resolution(), targets, on).dueAt;
        return new SlaTargets(firstDue, on.plus(conversation.createdAt, targets.nextResponse()), resolutionDue);
    }

    private SlaClock startOrRetarget(UUID conversationId, String kind, Instant start, Duration target, Targets targets,
                                     SlaCalendar on) {
        SlaClock clockRow = active(conversationId, kind).orElseGet(() -> {
            SlaClock created = new SlaClock();
            created.id = UUID.randomUUID();
            created.conversationId = conversationId;
            created.kind = kind;
            created.startedAt = start;
            return created;
        });
        clockRow.calendar = targets.calendar();
        clockRow.targetSeconds = target.toSeconds();
        clockRow.warningThreshold = targets.warningThreshold();
        clockRow.policyVersion = targets.policyVersion();
        boolean paused = SlaClock.PAUSED.equals(clockRow.status);
        clockRow.run(clockRow.startedAt, on);
        if (paused) {
            clockRow.pause(clock.instant(), on);
        }
        clockRow.persist();
        return clockRow;
    }

    public List<SlaClock> clocksOf(UUID conversationId) {
        return SlaClock.list("conversationId = ?1 order by startedAt, kind", conversationId);
    }

    private Optional<SlaClock> active(UUID conversationId, String kind) {
        return SlaClock.find("conversationId = ?1 and kind = ?2 and status <> ?3", conversationId, kind, SlaClock.STOPPED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    void onStateChanged(@Observes DomainEvent event) {
        if (Topics.CONVERSATION_STATE_CHANGED.equals(event.topic()) && movesClocks(event)) {
            idempotent.handleOnce("sla-clocks", event, () -> follow(event));
        }
    }

    /** Only moves into or out of awaiting_customer, and resolution, touch the clocks. */
    private static boolean movesClocks(DomainEvent event) {
        String from = event.payload().path("from").asText();
        String to = event.payload().path("to").asText();
        return "awaiting_customer".equals(from) || "awaiting_customer".equals(to) || "resolved".equals(to);
    }

    private void follow(DomainEvent event) {
        UUID conversationId = UUID.fromString(event.payload().path("conversationId").asText());
        String from = event.payload().path("from").asText();
        String to = event.payload().path("to").asText();
        boolean byPerson = event.payload().path("actor").asText().startsWith("human:");
        Instant now = clock.instant();
        // locked: the scheduler skips these clocks until this commits, then fires on what it left
        List<SlaClock> active = SlaClock.<SlaClock>find("conversationId = ?1 and status <> ?2", conversationId, SlaClock.STOPPED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (active.isEmpty() && !"awaiting_customer".equals(from)) {
            return;
        }
        if ("resolved".equals(to)) {
            active.forEach(c -> c.stop(now));
        } else if ("awaiting_customer".equals(to)) {
            for (SlaClock running : active) {
                if (byPerson && !SlaClock.RESOLUTION.equals(running.kind)) {
                    running.stop(now);
                } else {
                    running.pause(now, calendar(running.calendar));
                }
            }
            return; // due times stand still while paused; they move on resume
        } else if ("awaiting_customer".equals(from)) {
            active.forEach(c -> c.resume(now, calendar(c.calendar)));
            boolean answered = SlaClock.count("conversationId = ?1 and kind = ?2 and status = ?3",
                    conversationId, SlaClock.FIRST_RESPONSE, SlaClock.STOPPED) > 0;
            if (answered && active.stream().noneMatch(c -> SlaClock.NEXT_RESPONSE.equals(c.kind))) {
                startNextResponse(conversationId, now);
            }
        } else {
            return;
        }
        syncConversation(conversationId);
    }

    private void startNextResponse(UUID conversationId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT next_response_seconds, warning_threshold, calendar, policy_version
                        FROM sla_conversation_targets WHERE conversation_id = ?1""")
                .setParameter(1, conversationId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = rows.get(0);
        SlaClock next = new SlaClock();
        next.id = UUID.randomUUID();
        next.conversationId = conversationId;
        next.kind = SlaClock.NEXT_RESPONSE;
        next.startedAt = now;
        next.targetSeconds = ((Number) row[0]).longValue();
        next.warningThreshold = ((Number) row[1]).doubleValue();
        next.calendar = (String) row[2];
        next.policyVersion = ((Number) row[3]).intValue();
        next.run(now, calendar(next.calendar));
        next.persist();
    }

    /**
     * The conversation view shows the due times of the clocks as they are now (moved by pauses). The
     * conversation is read locked: read first and locked after, a change committed in between would
     * fail the lock on its stale version and the whole consumer would run again.
     */
    private void syncConversation(UUID conversationId) {
        List<SlaClock> running = SlaClock.list("conversationId = ?1 and status <> ?2", conversationId, SlaClock.STOPPED);
        conversations.change(conversationId, (conversation, now) -> {
            Instant first = conversation.firstResponseDueAt;
            Instant next = conversation.nextResponseDueAt;
            Instant resolution = conversation.resolutionDueAt;
            for (SlaClock c : running) {
                switch (c.kind) {
                    case SlaClock.FIRST_RESPONSE -> first = c.dueAt;
                    case SlaClock.NEXT_RESPONSE -> next = c.dueAt;
                    default -> resolution = c.dueAt;
                }
            }
            conversation.setSlaTargets(new SlaTargets(first, next, resolution), Actor.system("sla-clocks"), now);
        });
    }
}
