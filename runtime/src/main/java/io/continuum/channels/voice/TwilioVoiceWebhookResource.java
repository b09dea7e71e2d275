package io.continuum.channels.voice;

import io.continuum.channels.twilio.TwilioWebhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Twilio's voice webhooks, form-encoded, each signed with X-Twilio-Signature and checked before anything is
 * read: the call arriving (answered with the voice-menu's TwiML), the caller's key press, the end of a wait in
 * the queue, the voicemail recording and its transcription, and the call's status. Every answer is TwiML, given
 * only once what the request carried is stored.
 */
@Path(VoiceCalls.PATH)
public class TwilioVoiceWebhookResource {

    private static final String VOICE = "voice";

    private final TwilioWebhooks webhooks;
    private final VoiceCalls calls;

    TwilioVoiceWebhookResource(TwilioWebhooks webhooks, VoiceCalls calls) {
        this.webhooks = webhooks;
        this.calls = calls;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "An inbound call (the number's \"A call comes in\" webhook): stored on the caller's timeline, "
            + "answered with the TwiML the live voice-menu decides")
    public String call(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.answer(webhooks.verified(VOICE, rawBody, signature, uri));
    }

    @POST
    @Path("/menu")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The caller's key press in a voice-menu \"gather\": 1 leaves a voicemail, anything else waits for a person")
    public String menu(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.choose(webhooks.verified(VOICE, rawBody, signature, uri));
    }

    @POST
    @Path("/queue")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The end of a caller's wait in the queue (Enqueue action): a hang-up becomes a callback task")
    public String queue(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.leftQueue(webhooks.verified(VOICE, rawBody, signature, uri));
    }

    @POST
    @Path("/recording")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A voicemail recorded (Record action): the recording on the timeline, a callback task")
    public String recording(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.recorded(webhooks.verified(VOICE, rawBody, signature, uri));
    }

    @POST
    @Path("/transcription")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Twilio's transcription of a voicemail, on the timeline")
    public String transcription(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.transcribed(webhooks.verified(VOICE, rawBody, signature, uri));
    }

    @POST
    @Path("/status")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A call's status callback: busy, no-answer, failed or canceled becomes a callback task")
    public String status(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        return calls.statusChanged(webhooks.verified(VOICE, rawBody, signature, uri));
    }
}
