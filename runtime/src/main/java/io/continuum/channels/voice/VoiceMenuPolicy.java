package io.continuum.channels.voice;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

/**
 * The live {@code voice-menu} decision table (decision-tables/voice-menu.dmn): what a caller hears and where
 * the call goes (a person's queue, voicemail, or a choice between them). Its inputs are built in
 * {@link VoiceCalls} and nowhere else.
 */
@ApplicationScoped
public class VoiceMenuPolicy {

    public static final String NAME = "voice-menu";

    /** What voice-menu.dmn reads, named as its input columns; {@code resolutionStatus} null: no open Resolution. */
    public record Inputs(int localHour, boolean businessHours, String tier, boolean hasOpenConversation,
                         String resolutionStatus) {
    }

    /** Where the call goes after the words are said. */
    public enum Action {
        ENQUEUE, VOICEMAIL, GATHER;

        static Action fromWire(Object value) {
            for (Action action : values()) {
                if (action.name().equalsIgnoreCase(String.valueOf(value))) {
                    return action;
                }
            }
            throw new IllegalStateException("voice-menu answered an action it may not: " + value);
        }
    }

    /** What the table decided; {@code readCaseStatus}: the caller's Resolution status is read after {@code say}. */
    public record Menu(Action action, String say, boolean readCaseStatus, int policyVersion) {

        static Menu of(Decision decision) {
            Map<?, ?> menu = decision.outputs().get(NAME) instanceof Map<?, ?> map ? map : Map.of();
            return new Menu(Action.fromWire(menu.get("action")), menu.get("say") == null ? "" : menu.get("say").toString(),
                    Boolean.TRUE.equals(menu.get("readCaseStatus")), decision.version());
        }
    }

    private final DecisionService decisions;

    VoiceMenuPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Decides the menu of a call, logged in the decision log with the conversation the call is on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Menu decide(Inputs inputs, UUID conversationId) {
        return Menu.of(decisions.decide(NAME, inputs, conversationId));
    }

    /** The same decision for a call Twilio asks about again (a redelivery): answered alike, not logged twice. */
    public Menu decideAgain(Inputs inputs) {
        return Menu.of(decisions.tryLive(NAME, inputs));
    }
}
