package io.continuum.connectors.channel;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls to a provider's HTTP API that takes no idempotency key (Twilio, X): a send is safe to repeat only
 * when it surely did not arrive (no connection, 429, 503); an answer that never came or another 5xx may mean
 * it was sent, so it is an unknown outcome and never repeated. Also the bounded download of a customer's file.
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    /** Sends the request; a failure says whether the provider may have received it. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, String provider) throws DeliveryFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException notReached) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, provider + " unreachable: " + notReached.getClass().getSimpleName(),
                    notReached);
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME,
                    "no answer from " + provider + " (" + e.getClass().getSimpleName() + "); the message may have been sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "interrupted while sending; the message may have been sent");
        }
    }

    /** What a non-2xx answer to a send means; {@code detail} (e.g. the provider's error code) is added to the reason. */
    public static DeliveryFailure failure(int status, String provider, String detail) {
        if (status == 429 || status == 503) {
            return new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, provider + " answered " + status);
        }
        if (status >= 500) {
            return new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, provider + " answered " + status
                    + "; the message may have been sent");
        }
        return new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, provider + " refused the message: " + status + detail);
    }

    /** A downloaded file; {@code content} null when it exceeds the limit and was not read. */
    public record Download(String mimeType, long sizeBytes, byte[] content) {
    }

    /**
     * Downloads a file, refusing one larger than {@code maxBytes} without reading more of it than that. A
     * redirect (to the file's storage) is followed once, without the request's credentials.
     */
    public static Download download(HttpClient http, HttpRequest request, long maxBytes) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 == 3) {
            response.body().close();
            String location = response.headers().firstValue("Location").orElseThrow(() -> new IOException("redirect without Location"));
            response = http.send(HttpRequest.newBuilder(request.uri().resolve(location)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("media download answered " + response.statusCode());
            }
            String mimeType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxBytes) {
                return new Download(mimeType, announced, null);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? new Download(mimeType, bytes.length, null) : new Download(mimeType, bytes.length, bytes);
        }
    }
}
