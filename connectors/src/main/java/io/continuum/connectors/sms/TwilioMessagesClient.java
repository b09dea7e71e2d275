package io.continuum.connectors.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's Messages API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json} (form-encoded, HTTP
 * basic auth with the account SID and auth token), and the media files of an MMS, fetched from the URLs
 * Twilio gave with the same credentials.
 */
@ApplicationScoped
public class TwilioMessagesClient {

    /** Twilio's error code for a recipient who texted STOP: sending again can never work. */
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;
    /** Answers that mean Twilio did not take the message: it is safe to send again. */
    private static final Set<Integer> NOT_ACCEPTED = Set.of(429, 503);

    private final TwilioConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TwilioMessagesClient(TwilioConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Sends one SMS. Twilio has no idempotency key for this call, so an attempt whose outcome is unknown
     * (an answer that never came, a 5xx other than 503) is reported as such and never sent again.
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
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException notReached) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "Twilio unreachable: " + notReached.getClass().getSimpleName(),
                    notReached);
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME,
                    "no answer from Twilio (" + e.getClass().getSimpleName() + "); the SMS may have been sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "interrupted while sending; the SMS may have been sent");
        }
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
        if (NOT_ACCEPTED.contains(status)) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "Twilio answered " + status);
        }
        if (status >= 500) {
            throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "Twilio answered " + status + "; the SMS may have been sent");
        }
        String code = body.hasNonNull("code") ? " (error " + body.path("code").asText() + ")" : "";
        throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Twilio refused the SMS: " + status + code);
    }

    /** A media file of an MMS; {@code content} null when it exceeds the limit and was not downloaded. */
    public record Media(String mimeType, long sizeBytes, byte[] content) {
    }

    /**
     * Downloads an MMS media file, refusing one larger than {@code maxBytes} without reading more of it. Only
     * URLs under the configured API base are fetched (with our credentials); Twilio answers them with a redirect
     * to the file's storage, which is followed without the credentials.
     */
    public Media fetchMedia(String url, long maxBytes) throws IOException, InterruptedException {
        if (!url.startsWith(base() + "/")) {
            throw new IllegalArgumentException("media URL outside the Twilio API");
        }
        String accountSid = config.accountSid().orElseThrow(() -> new IOException("continuum.twilio.account-sid is not set"));
        String authToken = config.authToken().orElseThrow(() -> new IOException("continuum.twilio.auth-token is not set"));
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(accountSid, authToken)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 == 3) {
            response.body().close();
            String location = response.headers().firstValue("Location").orElseThrow(() -> new IOException("redirect without Location"));
            response = http.send(HttpRequest.newBuilder(URI.create(url).resolve(location)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("media download answered " + response.statusCode());
            }
            String mimeType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxBytes) {
                return new Media(mimeType, announced, null);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? new Media(mimeType, bytes.length, null) : new Media(mimeType, bytes.length, bytes);
        }
    }

    private String base() {
        return config.apiBaseUrl().replaceAll("/$", "");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
