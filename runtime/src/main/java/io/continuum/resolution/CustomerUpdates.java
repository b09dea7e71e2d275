package io.continuum.resolution;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;
import io.continuum.platform.NativeStatements;
import io.continuum.templates.CommunicationTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells every customer of a Resolution the same thing, each in their language and on their
 * continuation channel, from the supervisors' templates, unless they withdrew their consent to it
 * ({@link UpdateConsent}). Every text passes the live AI failsafes
 * first (no invented ETA, no unconfirmed fix). A broadcast is recorded once per (resolution, kind,
 * tick): a second attempt at the same one, after a crash or a timer firing again, sends nothing.
 */
@ApplicationScoped
public class CustomerUpdates {

    static final String AUTHOR = "system:resolution";
    private static final Logger LOG = Logger.getLogger(CustomerUpdates.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public enum Kind {
        ACKNOWLEDGEMENT, PROACTIVE, ENGINEER, RESOLVED, LINKED;

        String wireName() {
            return name().toLowerCase();
        }
    }

    private final ConversationTimeline timeline;
    private final CommunicationTemplates templates;
    private final FailsafePolicy failsafes;
    private final UpdateConsent consent;
    private final EntityManager entityManager;
    private final Clock clock;

    CustomerUpdates(ConversationTimeline timeline, CommunicationTemplates templates, FailsafePolicy failsafes,
                    UpdateConsent consent, EntityManager entityManager, Clock clock) {
        this.timeline = timeline;
        this.templates = templates;
        this.failsafes = failsafes;
        this.consent = consent;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Sends one update to the given links (normally every active link).
     * @param latest for PROACTIVE and ENGINEER updates: the news, or null for "nothing changed"
     * @return false when this (kind, tick) was already sent
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean broadcast(Resolution resolution, List<ResolutionLink> links, Kind kind, int tick, String latest,
                             String author) {
        UUID updateId = UUID.randomUUID();
        int claimed = NativeStatements.touching(entityManager,
                        "INSERT INTO resolution_update (id, resolution_id, kind, tick, author, content, status, recipients, created_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8) ON CONFLICT (resolution_id, kind, tick) DO NOTHING",
                        "resolution_update", "resolution")
                .setParameter(1, updateId)
                .setParameter(2, resolution.id)
                .setParameter(3, kind.wireName())
                .setParameter(4, tick)
                .setParameter(5, author)
                .setParameter(6, latest)
                .setParameter(7, resolution.status)
                .setParameter(8, clock.instant())
                .executeUpdate();
        if (claimed == 0) {
            LOG.infof("Resolution %s: %s update %d was already sent; not sending it again", resolution.caseRef,
                    kind.wireName(), tick);
            return false;
        }
        int sent = 0;
        for (ResolutionLink link : links) {
            if (send(resolution, link, kind, latest)) {
                sent++;
            }
        }
        NativeStatements.touching(entityManager, "UPDATE resolution_update SET recipients = ?1 WHERE id = ?2", "resolution_update")
                .setParameter(1, sent).setParameter(2, updateId).executeUpdate();
        return true;
    }

    private boolean send(Resolution resolution, ResolutionLink link, Kind kind, String latest) {
        if (!consent.allows(resolution, link, kind)) {
            return false;
        }
        String text = text(resolution, link.language, kind, latest);
        ProposedAction action = new ProposedAction();
        action.setActionId(UUID.randomUUID().toString());
        action.setConversationId(link.conversationId.toString());
        action.setType("reply");
        action.setActor("rule");
        action.setText(text);
        action.setEngineerEta(resolution.hasWindow() ? resolution.etaWindowEnd.toString() : null);
        action.setEngineerConfirmedFix(resolution.resolutionStatus() == ResolutionStatus.RESOLVED);
        FailsafePolicy.Outcome outcome = failsafes.vet(action);
        if (!outcome.allowed()) {
            LOG.warnf("Failsafes %s stopped a %s update of resolution %s to conversation %s", outcome.rules(),
                    kind.wireName(), resolution.caseRef, link.conversationId);
            timeline.addNote(link.conversationId, "The failsafes (" + String.join(", ", outcome.rules())
                    + ") stopped an automatic update of case " + resolution.caseRef + "; please update the customer yourself.",
                    AUTHOR);
            return false;
        }
        timeline.sendAutomatically(link.conversationId, outcome.text().orElse(text), link.continuationChannel,
                AUTHOR, Actor.rule("resolution", "1"));
        return true;
    }

    String text(Resolution resolution, String language, Kind kind, String latest) {
        Map<String, String> values = new HashMap<>();
        values.put("caseId", resolution.caseRef);
        values.put("title", resolution.title);
        values.put("status", resolution.resolutionStatus().words());
        values.put("fix", resolution.fixDescription == null ? "" : resolution.fixDescription);
        values.put("nextUpdateAt", resolution.nextUpdateDueAt == null ? "" : WHEN.format(resolution.nextUpdateDueAt));
        if (resolution.hasWindow()) {
            values.put("windowStart", WHEN.format(resolution.etaWindowStart == null ? resolution.etaWindowEnd
                    : resolution.etaWindowStart));
            values.put("windowEnd", WHEN.format(resolution.etaWindowEnd));
            values.put("window", templates.render("resolution-window-set", language, values));
        } else {
            values.put("window", templates.render("resolution-window-unset", language, values));
        }
        values.put("latest", latest == null ? templates.render("resolution-no-news", language, values) : latest);
        return switch (kind) {
            case ACKNOWLEDGEMENT, LINKED -> templates.render("resolution-acknowledgement", language, values);
            case PROACTIVE, ENGINEER -> templates.render("resolution-update", language, values);
            case RESOLVED -> templates.render("resolution-resolved", language, values);
        };
    }

    /** The continuation channel: e-mail when the customer has an address, else the channel they last wrote on. */
    static String continuationChannel(Conversation conversation, boolean customerHasEmail) {
        return customerHasEmail ? "email" : conversation.currentChannel;
    }
}
