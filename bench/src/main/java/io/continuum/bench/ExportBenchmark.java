package io.continuum.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * How long the export of a customer with many messages takes, and how much heap the platform uses meanwhile:
 * one customer is created through the API, then {@code messages} more messages are added to their
 * conversation straight in the database (as texts stored before encryption, which read as they are, so
 * opening sealed texts is not part of the figure), then the archive is downloaded {@code runs} times while
 * the platform's heap in use is sampled from {@code /q/metrics}. The messages in the archive are counted,
 * so a figure for an incomplete export is never printed.
 */
public final class ExportBenchmark {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    private ExportBenchmark(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        String baseUrl = arguments.text("base-url", "http://localhost:8080");
        BenchDatabase database = new BenchDatabase(arguments.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum"),
                arguments.text("db-user", "postgres"), arguments.text("db-password", "postgres"));
        int messages = arguments.number("messages", 100_000);
        int runs = arguments.number("runs", 3);
        arguments.rejectUnknown();

        System.out.println("[machine] " + Machine.describe(database));
        ExportBenchmark benchmark = new ExportBenchmark(baseUrl);
        Map<?, ?> created = benchmark.createCustomer();
        String customerId = (String) created.get("customerId");
        long seeded = seed(database, UUID.fromString((String) created.get("conversationId")), messages);
        System.out.printf("[bench] customer %s has %d messages%n", customerId, seeded + 1);
        for (int run = 1; run <= runs; run++) {
            benchmark.export(customerId, seeded + 1, run);
        }
    }

    private Map<?, ?> createCustomer() throws IOException, InterruptedException {
        String body = new ObjectMapper().writeValueAsString(Map.of("channel", "email",
                "externalId", "export-bench-" + UUID.randomUUID(),
                "from", Map.of("email", "export-bench+" + UUID.randomUUID() + "@example.com"),
                "content", "The first message of a long conversation", "attachments", List.of(),
                "receivedAt", Instant.now().toString()));
        HttpResponse<String> response = http.send(request("/api/v1/messages", "api")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/v1/messages answered " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readValue(response.body(), Map.class);
    }

    private static long seed(BenchDatabase database, UUID conversationId, int messages) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO message (id, conversation_id, channel, external_id, direction, content, received_at, created_at)
                SELECT gen_random_uuid(), ?, 'email', 'export-bench-' || gen_random_uuid(),
                       CASE WHEN g % 2 = 0 THEN 'outbound' ELSE 'inbound' END,
                       'Message ' || g || ': the router still blinks red after the restart, the cable is plugged in '
                           || 'and the light on the wall socket is green, what else can I try?',
                       now() + g * interval '1 millisecond', now() + interval '1 minute' + g * interval '1 millisecond'
                  FROM generate_series(1, ?) AS g""")) {
            insert.setObject(1, conversationId);
            insert.setInt(2, messages);
            return insert.executeUpdate();
        }
    }

    private void export(String customerId, long expected, int run) throws Exception {
        long heapBefore = heapUsed();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    heapPeak.accumulateAndGet(heapUsed(), Math::max);
                    Thread.sleep(SAMPLE_EVERY.toMillis());
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request("/api/v1/customers/" + customerId + "/export", "supervisor")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The export answered " + response.statusCode());
        }
        CountingStream body = new CountingStream(response.body());
        long counted = countMessages(body);
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (counted != expected) {
            throw new IllegalStateException("The archive holds " + counted + " messages, not " + expected);
        }
        System.out.printf("[figures] export run=%d messages=%d archive_mb=%.1f seconds=%.2f messages_per_second=%.0f "
                        + "heap_used_before_mb=%.0f heap_used_peak_mb=%.0f%n", run, counted, body.bytes / 1e6, seconds,
                counted / seconds, heapBefore / 1e6, heapPeak.get() / 1e6);
    }

    /** The messages in conversations.json, read as the archive arrives. */
    private static long countMessages(InputStream archive) throws IOException {
        long messages = 0;
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.getName().equals("conversations.json")) {
                    zip.transferTo(OutputStream.nullOutputStream());
                    continue;
                }
                JsonParser parser = new JsonFactory().createParser(zip);
                parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.FIELD_NAME && "direction".equals(parser.currentName())) {
                        messages++;
                    }
                }
            }
        }
        return messages;
    }

    /** The platform's heap in use now: the sum of its heap pools as Micrometer reports them. */
    private long heapUsed() throws IOException, InterruptedException {
        String metrics = http.send(request("/q/metrics", "admin").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        long bytes;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                bytes++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                bytes += read;
            }
            return read;
        }
    }
}
