package io.continuum.connectors.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.channel.ProviderHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's Messages API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json} (form-encoded, HTTP
 * basic auth with the account SID and auth token), and the files Twilio holds for us (an MMS's media, a
 * voicemail's recording), fetched from the URLs Twilio gave with the same credentials.
 */
@ApplicationScoped
public class TwilioMessagesClient {

    /** Twilio's error code for a recipient who texted STOP: sending again can never work. */
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private final TwilioConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TwilioMessagesClient(TwilioConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Sends one SMS. Twilio takes no idempotency key for this call: an attempt whose outcome is unknown is
     * never sent again ({@link ProviderHttp}).
     */
    public DeliveryReceipt send(OutboundMessage message) throws DeliveryFailure {
        String accountSid = config.accountSid()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.twilio.account-sid is not set"));
        String from = config.fromNumber()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.twilio.from-number is not set"));
        String authToken = config.authToken()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.twilio.auth-token is not set"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to().phone());
        form.put("From", from);
        form.put("Body", message.content());
        config.publicUrl().ifPresent(url -> form.put("StatusCallback", url.replaceAll("/$", "") + "/webhooks/twilio/sms"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", basic(accountSid, authToken))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new TwilioForm(form).encoded()))
                .build();
        HttpResponse<String> response = ProviderHttp.send(http, request, "Twilio");
        return receipt(response);
    }

    private DeliveryReceipt receipt(HttpResponse<String> response) throws DeliveryFailure {
        int status = response.statusCode();
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        if (status / 100 == 2) {
            String sid = body.path("sid").asText(null);
            if (sid == null) {
                throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "Twilio answered " + status + " without a message sid");
            }
            return new DeliveryReceipt(sid);
        }
        if (body.path("code").asInt() == UNSUBSCRIBED_RECIPIENT) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer texted STOP to our number (Twilio error 21610)");
        }
        throw ProviderHttp.failure(status, "Twilio", body.hasNonNull("code") ? " (error " + body.path("code").asText() + ")" : "");
    }

    /**
     * Downloads a media file or recording, refusing one larger than {@code maxBytes}. Only URLs under the configured API
     * base are fetched with our credentials; Twilio redirects them to the file's storage.
     */
    public ProviderHttp.Download fetchMedia(String url, long maxBytes) throws IOException, InterruptedException {
        if (!url.startsWith(base() + "/")) {
            throw new IllegalArgumentException("media URL outside the Twilio API");
        }
        String accountSid = config.accountSid().orElseThrow(() -> new IOException("continuum.twilio.account-sid is not set"));
        String authToken = config.authToken().orElseThrow(() -> new IOException("continuum.twilio.auth-token is not set"));
        return ProviderHttp.download(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(accountSid, authToken)).GET().build(), maxBytes);
    }

    private String base() {
        return config.apiBaseUrl().replaceAll("/$", "");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
