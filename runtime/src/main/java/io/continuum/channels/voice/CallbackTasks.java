package io.continuum.channels.voice;

import io.continuum.conversation.ConversationTimeline;
import io.continuum.routing.HumanHandoff;
import io.continuum.routing.QueuePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A caller who did not reach a person (the call missed, hung up while waiting, or left a voicemail) is called
 * back: a note on the conversation says why, and the hand-off puts a task on the agents' lists (the
 * agent-handoff process, on the callback queue). One per call, whatever Twilio redelivers.
 */
@ApplicationScoped
public class CallbackTasks {

    static final String AUTHOR = "system:voice";
    /** Callbacks are work for a person: never answered from the knowledge base. */
    private static final String HANDLED_BY_AN_AGENT = "agent";

    private final EntityManager entityManager;
    private final HumanHandoff handoff;
    private final ConversationTimeline timeline;
    private final VoiceConfig config;
    private final Clock clock;

    CallbackTasks(EntityManager entityManager, HumanHandoff handoff, ConversationTimeline timeline, VoiceConfig config,
                  Clock clock) {
        this.entityManager = entityManager;
        this.handoff = handoff;
        this.timeline = timeline;
        this.config = config;
        this.clock = clock;
    }

    /** @return false when the call already has its callback task */
    @Transactional
    public boolean request(String callSid, UUID conversationId, String reason) {
        int claimed = entityManager.createNativeQuery("INSERT INTO voice_callback (call_sid, conversation_id, reason, "
                        + "process_instance_id, requested_at) VALUES (?1, ?2, ?3, '', ?4) ON CONFLICT (call_sid) DO NOTHING")
                .setParameter(1, callSid).setParameter(2, conversationId).setParameter(3, reason)
                .setParameter(4, clock.instant()).executeUpdate();
        if (claimed == 0) {
            return false;
        }
        timeline.addNote(conversationId, "Call the customer back: " + reason + ".", AUTHOR);
        String processInstanceId = handoff.handOff(conversationId,
                new QueuePolicy.Route(config.callbackQueue(), List.of(), HANDLED_BY_AN_AGENT, null, 0), null);
        entityManager.createNativeQuery("UPDATE voice_callback SET process_instance_id = ?1 WHERE call_sid = ?2")
                .setParameter(1, processInstanceId).setParameter(2, callSid).executeUpdate();
        return true;
    }
}
