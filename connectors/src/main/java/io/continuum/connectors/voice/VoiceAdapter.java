package io.continuum.connectors.voice;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundBatch.InboundMessage;
import io.continuum.connectors.channel.InboundBatch.PendingFile;
import io.continuum.connectors.channel.InboundBatch.RawItem;
import io.continuum.connectors.channel.InboundBatch.Rejected;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.channel.ReferencedFiles;
import io.continuum.connectors.sms.TwilioConfig;
import io.continuum.connectors.sms.TwilioForm;
import io.continuum.connectors.sms.TwilioMessagesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Twilio Programmable Voice, inbound only: what a caller leaves on the timeline. A call (its {@code CallSid},
 * the caller's number) is a message; so is a voicemail, with its recording fetched from Twilio up to the
 * attachment limit like an MMS's media, and the transcription Twilio sends later. The call flow itself (what
 * the caller hears) is TwiML the runtime answers each webhook with; nothing is ever sent out on this channel.
 */
@ApplicationScoped
public class VoiceAdapter implements ChannelAdapter<TwilioForm> {

    private static final Logger LOG = Logger.getLogger(VoiceAdapter.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The recording's format asked of Twilio: its RecordingUrl with this extension serves the MP3. */
    private static final String RECORDING_FORMAT = ".mp3";

    private final TwilioConfig config;
    private final TwilioMessagesClient twilio;
    private final ChannelLimits limits;

    VoiceAdapter(TwilioConfig config, TwilioMessagesClient twilio, ChannelLimits limits) {
        this.config = config;
        this.twilio = twilio;
        this.limits = limits;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.authToken().isEmpty() || config.publicUrl().isEmpty()) {
            LOG.warn("Twilio voice: continuum.twilio.auth-token or continuum.twilio.public-url is not set; "
                    + "every webhook under /webhooks/twilio/voice is refused");
        }
    }

    @Override
    public String channel() {
        return Channels.VOICE;
    }

    /**
     * A transcription callback names its {@code TranscriptionSid}, a recording its {@code RecordingSid}; any
     * other voice webhook (the call arriving, its status, the caller's menu choice) stands for the call.
     */
    @Override
    public InboundBatch normalise(TwilioForm form) {
        try {
            if (form.get("TranscriptionSid") != null) {
                return transcription(form);
            }
            if (form.get("RecordingSid") != null) {
                return InboundBatch.of(voicemail(form));
            }
            return InboundBatch.of(call(form));
        } catch (MalformedPayload bad) {
            String reference = form.get("TranscriptionSid") != null ? form.get("TranscriptionSid")
                    : form.get("RecordingSid") != null ? form.get("RecordingSid") : form.get("CallSid");
            return InboundBatch.rejecting(new Rejected(Channels.VOICE, reference, bad.getMessage(), new RawItem(form.encoded(), FORM)));
        }
    }

    @Override
    public InboundBatch normaliseRaw(byte[] raw) {
        return normalise(TwilioForm.parse(raw));
    }

    private InboundMessage call(TwilioForm form) {
        String callSid = required(form, "CallSid");
        NormalizedMessage message = new NormalizedMessage(Channels.VOICE, callSid, caller(form), "Phone call from the customer",
                List.of(), null, null);
        return new InboundMessage(message, List.of(), null, new RawItem(form.encoded(), FORM), List.of());
    }

    private InboundMessage voicemail(TwilioForm form) {
        String recordingSid = required(form, "RecordingSid");
        String callSid = required(form, "CallSid");
        String url = required(form, "RecordingUrl");
        String fileName = "voicemail-" + recordingSid + RECORDING_FORMAT;
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        List<PendingFile> pending = new ArrayList<>();
        List<String> text = new ArrayList<>();
        text.add("Voicemail" + Optional.ofNullable(form.get("RecordingDuration")).map(seconds -> " (" + seconds + " s)").orElse(""));
        ReferencedFiles.fetchInto(twilio::fetchMedia, limits, url + RECORDING_FORMAT, fileName, attachments, pending)
                .ifPresent(text::add);
        NormalizedMessage message = new NormalizedMessage(Channels.VOICE, recordingSid, caller(form), String.join("\n", text),
                attachments, null, callSid);
        return new InboundMessage(message, List.of(), null, new RawItem(form.encoded(), FORM), pending);
    }

    /** Only a completed transcription has text; a failed one is nothing to store (the recording is). */
    private InboundBatch transcription(TwilioForm form) {
        String transcriptionSid = required(form, "TranscriptionSid");
        if (!"completed".equals(form.get("TranscriptionStatus"))) {
            return InboundBatch.ignoring("voice transcription " + transcriptionSid + " " + form.get("TranscriptionStatus"));
        }
        String text = required(form, "TranscriptionText");
        NormalizedMessage message = new NormalizedMessage(Channels.VOICE, transcriptionSid, caller(form),
                "Voicemail transcription: " + text, List.of(), null, required(form, "RecordingSid"));
        return InboundBatch.of(new InboundMessage(message, List.of(), null, new RawItem(form.encoded(), FORM), List.of()));
    }

    /** The caller's number, which Twilio verified as the line the call came from. */
    private static NormalizedMessage.Sender caller(TwilioForm form) {
        return new NormalizedMessage.Sender(null, required(form, "From"), null, null, null);
    }

    private static String required(TwilioForm form, String field) {
        String value = form.get(field);
        if (value == null) {
            throw new MalformedPayload("missing '" + field + "'");
        }
        return value;
    }

    @Override
    public Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(PendingFile file) throws IOException {
        return ReferencedFiles.fetchPending(twilio::fetchMedia, limits, file);
    }

    /** A caller is answered by calling them back (a task for a person), or in writing on another channel. */
    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT,
                "nothing is sent on the voice channel: call the customer back, or write by SMS or e-mail");
    }
}
