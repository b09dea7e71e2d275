package io.continuum.automations;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What notify-supervisor does: a notification every supervisor sees (the header's list, pushed live through
 * {@code automation.supervisor_notified}) until one of them acknowledges it. Raising one is an automation's
 * action, so the storm limit bounds how many a conversation can raise.
 */
@ApplicationScoped
public class SupervisorNotifications {

    /** Published when a notification is raised, so open pages refetch the list. */
    public record Notified(UUID notificationId, UUID conversationId, String automation, String row) {
    }

    private record Acknowledged(UUID conversationId, String automation) {
    }

    private static final int SHOWN = 200;

    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    SupervisorNotifications(Outbox outbox, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    SupervisorNotification raise(UUID conversationId, AutomationsPolicy.Fired fired, String reason) {
        SupervisorNotification notification = new SupervisorNotification();
        notification.id = UUID.randomUUID();
        notification.conversationId = conversationId;
        notification.automation = fired.automation() == null ? fired.rowId() : fired.automation();
        notification.rowId = fired.rowId();
        notification.reason = reason.isEmpty() ? "automation " + notification.automation : reason;
        notification.createdAt = clock.instant();
        notification.persist();
        outbox.publish(Topics.SUPERVISOR_NOTIFIED, conversationId,
                new Notified(notification.id, conversationId, notification.automation, notification.rowId));
        return notification;
    }

    /** The notifications nobody acknowledged yet, newest first. */
    public List<SupervisorNotification> open() {
        return SupervisorNotification.<SupervisorNotification>find("acknowledgedAt is null order by createdAt desc")
                .page(0, SHOWN).list();
    }

    /** Marks it seen by the person; acknowledging it again keeps the first person's name. */
    @Transactional
    public Optional<SupervisorNotification> acknowledge(UUID id, String person) {
        return SupervisorNotification.<SupervisorNotification>findByIdOptional(id).map(notification -> {
            if (notification.acknowledge(person, clock.instant())) {
                audit.record("supervisor-notification", id, "acknowledged", Actor.human(person), null,
                        new Acknowledged(notification.conversationId, notification.automation));
            }
            return notification;
        });
    }
}
