package io.continuum.workspace;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class LiveUpdatesTest {

    @TestHTTPResource("/api/v1/live")
    URI live;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder request(String user) {
        return HttpRequest.newBuilder(live).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewWhatsAppMessageIsPushedToAnOpenStreamWithoutItsText() {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(request("agent").GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event: ready"));

            String secret = "my account number is 99887766";
            String conversationId = receive(inbound("whatsapp", sender(null, "+4479" + (10000000 + (int) (Math.random() * 8999999)),
                    null, "Live Tester", null), secret)).getString("conversationId");

            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream()
                    .anyMatch(line -> line.startsWith("data:") && line.contains("\"message.received\"")
                            && line.contains(conversationId)));
            assertThat(lines).noneMatch(line -> line.contains("99887766") || line.contains("Live Tester"));
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    void theStreamIsForSignedInWorkspaceRolesOnly() throws Exception {
        HttpRequest anonymous = HttpRequest.newBuilder(live).header("Accept", "text/event-stream").GET().build();
        assertThat(http.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertThat(http.send(request("analyst").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
        assertThat(http.send(request("api").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
    }

    /** Keeps every line the server streamed. */
    private record LineCollector(Queue<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

}
