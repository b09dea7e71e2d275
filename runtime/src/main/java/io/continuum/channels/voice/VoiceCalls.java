package io.continuum.channels.voice;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import io.continuum.channels.twilio.TwilioWebhooks;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.InboundSink.Accepted;
import io.continuum.connectors.sms.TwilioForm;
import io.continuum.connectors.voice.VoiceAdapter;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;
import io.continuum.identity.IdentityService;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A phone call, from ringing to the callback: the call goes on the caller's timeline (the one ingestion, so
 * the caller is the customer of their E.164 number, the same as on SMS), the live voice-menu decides what
 * they hear and where the call goes, answered as TwiML built with the Twilio SDK; a caller with an open
 * Resolution hears its status from the case, vetted by the AI failsafes like any automated reply; a
 * voicemail and its transcription join the timeline; a caller who reached nobody gets a callback task.
 */
@ApplicationScoped
public class VoiceCalls {

    private static final Logger LOG = Logger.getLogger(VoiceCalls.class);
    static final String PATH = "/webhooks/twilio/voice";
    /** Call statuses in which the caller reached nobody. */
    private static final Set<String> MISSED = Set.of("busy", "no-answer", "failed", "canceled");
    /** How a wait in the queue ended without a person while the caller is still on the line. */
    private static final Set<String> QUEUE_FAILED = Set.of("queue-full", "error", "system-error");
    private static final String HOLD = "Please hold for the next available person.";
    private static final String LEAVE_A_MESSAGE = "Leave a message after the tone and we will call you back.";
    private static final String GOODBYE = "Thank you. We will call you back. Goodbye.";
    /** Said to a caller whose call could not be read (refused, kept for a supervisor): a person still takes it. */
    private static final String WELCOME = "Thank you for calling. " + HOLD;
    private static final int SECONDS_TO_CHOOSE = 5;

    private final VoiceAdapter adapter;
    private final InboundSink inbox;
    private final VoiceMenuPolicy menus;
    private final VoiceConfig config;
    private final TwilioWebhooks webhooks;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final IdentityService identities;
    private final ResolutionService resolutions;
    private final FailsafePolicy failsafes;
    private final CallbackTasks callbacks;
    private final Clock clock;

    VoiceCalls(VoiceAdapter adapter, InboundSink inbox, VoiceMenuPolicy menus, VoiceConfig config, TwilioWebhooks webhooks,
               Conversations conversations, ConversationTimeline timeline, IdentityService identities,
               ResolutionService resolutions, FailsafePolicy failsafes, CallbackTasks callbacks, Clock clock) {
        this.adapter = adapter;
        this.inbox = inbox;
        this.menus = menus;
        this.config = config;
        this.webhooks = webhooks;
        this.conversations = conversations;
        this.timeline = timeline;
        this.identities = identities;
        this.resolutions = resolutions;
        this.failsafes = failsafes;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** A call arriving: stored once on the caller's timeline, then the menu the live voice-menu decides. */
    public String answer(TwilioForm call) {
        Optional<Accepted> stored = store(call);
        if (stored.isEmpty()) {
            return twiml(enqueue(WELCOME));
        }
        return QuarkusTransaction.requiringNew().call(() -> menuFor(stored.get()));
    }

    /** The caller's key press after a "gather" menu: 1 leaves a message, anything else waits for a person. */
    public String choose(TwilioForm choice) {
        return "1".equals(choice.get("Digits")) ? twiml(voicemail(LEAVE_A_MESSAGE)) : twiml(enqueue(HOLD));
    }

    /**
     * The wait in the queue ended: a caller who hung up first is called back; one the queue could not hold
     * (full, an error) may leave a message instead.
     */
    public String leftQueue(TwilioForm result) {
        String outcome = result.get("QueueResult");
        if ("hangup".equals(outcome)) {
            callBack(result, "they hung up after " + Optional.ofNullable(result.get("QueueTime")).orElse("0")
                    + " s waiting for a person");
            return twiml(new VoiceResponse.Builder());
        }
        if (outcome != null && QUEUE_FAILED.contains(outcome)) {
            return twiml(voicemail("Sorry, nobody can take your call now. " + LEAVE_A_MESSAGE));
        }
        return twiml(new VoiceResponse.Builder());
    }

    /** The voicemail is recorded: on the timeline with its recording, and a callback task. */
    public String recorded(TwilioForm recording) {
        boolean left = recording.get("RecordingSid") != null;
        callBack(recording, left ? "they left a voicemail" : "they hung up before leaving a message");
        return twiml(new VoiceResponse.Builder().say(new Say.Builder(GOODBYE).build()).hangup(new Hangup.Builder().build()));
    }

    /** Twilio's transcription of a voicemail, on the timeline next to it. */
    public String transcribed(TwilioForm transcription) {
        store(transcription);
        return twiml(new VoiceResponse.Builder());
    }

    /** A call's status: one the caller reached nobody in (busy, no answer, failed, canceled) is called back. */
    public String statusChanged(TwilioForm status) {
        String callStatus = status.get("CallStatus");
        if (callStatus != null && MISSED.contains(callStatus)) {
            callBack(status, "the call was " + callStatus.replace('-', ' '));
        }
        return twiml(new VoiceResponse.Builder());
    }

    private void callBack(TwilioForm form, String reason) {
        String callSid = form.get("CallSid");
        conversationOf(form).filter(conversationId -> callSid != null)
                .ifPresent(conversationId -> callbacks.request(callSid, conversationId, reason));
    }

    /**
     * The conversation of what the callback is about (the recording, else the call), stored first if it is new: a
     * redelivered recording is known by its sid and never downloaded again.
     */
    private Optional<UUID> conversationOf(TwilioForm form) {
        String externalId = form.get("RecordingSid") != null ? form.get("RecordingSid") : form.get("CallSid");
        return Optional.ofNullable(externalId).flatMap(id -> timeline.findMessage(Channels.VOICE, id))
                .map(message -> message.conversationId)
                .or(() -> store(form).map(Accepted::conversationId));
    }

    /** Empty when the item could not be read (kept raw for a supervisor) or carried nothing to store. */
    private Optional<Accepted> store(TwilioForm form) {
        List<Accepted> accepted = inbox.accept(adapter.normalise(form));
        return accepted.stream().filter(item -> !item.isQuarantined()).findFirst();
    }

    private String menuFor(Accepted call) {
        Conversation conversation = conversations.require(call.conversationId());
        Optional<Resolution> openCase = resolutions.openServing(conversation.id);
        ZonedDateTime now = clock.instant().atZone(config.timeZone());
        VoiceMenuPolicy.Inputs inputs = new VoiceMenuPolicy.Inputs(now.getHour(), withinBusinessHours(now),
                identities.find(call.customerId()).map(customer -> customer.tier).orElse(null),
                continuesAConversation(conversation, call.messageId()), openCase.map(resolution -> resolution.status).orElse(null));
        VoiceMenuPolicy.Menu menu = call.duplicate() ? menus.decideAgain(inputs) : menus.decide(inputs, conversation.id);
        String words = menu.say() + (menu.readCaseStatus()
                ? openCase.flatMap(resolution -> caseStatus(resolution, conversation)).map(status -> " " + status).orElse("") : "");
        return twiml(switch (menu.action()) {
            case ENQUEUE -> enqueue(words);
            case VOICEMAIL -> voicemail(words);
            case GATHER -> new VoiceResponse.Builder()
                    .gather(new Gather.Builder().numDigits(1).timeout(SECONDS_TO_CHOOSE).action(webhooks.publicUrlOf(PATH + "/menu"))
                            .say(new Say.Builder(words).build()).build())
                    .enqueue(enqueueVerb());
        });
    }

    /** Hours that close before they open run past midnight (22:00–06:00); the same time both ways is all day. */
    private boolean withinBusinessHours(ZonedDateTime now) {
        LocalTime time = now.toLocalTime();
        LocalTime opens = config.opens();
        LocalTime closes = config.closes();
        boolean open = opens.equals(closes)
                || (opens.isBefore(closes) ? !time.isBefore(opens) && time.isBefore(closes) : !time.isBefore(opens) || time.isBefore(closes));
        return open && config.businessDays().contains(now.getDayOfWeek());
    }

    /** The call joined a conversation already going on (earlier messages, not one the call reopened). */
    private boolean continuesAConversation(Conversation conversation, UUID callMessageId) {
        return conversation.conversationState() != ConversationState.REOPENED
                && timeline.latestMessagesOf(conversation.id, 2).stream().anyMatch(message -> !message.id.equals(callMessageId));
    }

    /**
     * What the case says, in its own words: its status and the latest news an engineer or agent wrote on it.
     * Spoken by a machine, so it passes the AI failsafes first (no fix or ETA an engineer did not set); a vetoed
     * text is not spoken.
     */
    private Optional<String> caseStatus(Resolution resolution, Conversation conversation) {
        String status = "Your case is " + resolution.resolutionStatus().words() + "."
                + resolutions.updatesOf(resolution.id).stream().filter(update -> update.content != null)
                .reduce((first, second) -> second).map(update -> " The latest update: " + update.content).orElse("");
        ProposedAction action = new ProposedAction();
        action.setActionId(UUID.randomUUID().toString());
        action.setConversationId(conversation.id.toString());
        action.setType("reply");
        action.setActor("rule");
        action.setText(status);
        action.setEngineerEta(resolution.hasWindow() ? resolution.etaWindowEnd.toString() : null);
        action.setEngineerConfirmedFix(false);
        FailsafePolicy.Outcome outcome = failsafes.vet(action);
        if (!outcome.allowed()) {
            LOG.infof("Failsafes %s kept the status of case %s from being read on a call", outcome.rules(), resolution.caseRef);
            return Optional.empty();
        }
        return outcome.text().or(() -> Optional.of(status));
    }

    private VoiceResponse.Builder enqueue(String words) {
        return new VoiceResponse.Builder().say(new Say.Builder(words).build()).enqueue(enqueueVerb());
    }

    private Enqueue enqueueVerb() {
        return new Enqueue.Builder(config.queue()).action(webhooks.publicUrlOf(PATH + "/queue")).build();
    }

    private VoiceResponse.Builder voicemail(String words) {
        return new VoiceResponse.Builder().say(new Say.Builder(words).build())
                .record(new Record.Builder().action(webhooks.publicUrlOf(PATH + "/recording")).maxLength(config.voicemailMaxSeconds())
                        .playBeep(true).transcribe(true).transcribeCallback(webhooks.publicUrlOf(PATH + "/transcription")).build());
    }

    private static String twiml(VoiceResponse.Builder response) {
        try {
            return response.build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
