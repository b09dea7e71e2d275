package io.continuum.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, broker and controller in one) inside the test JVM, on loopback, shared by every test
 * of the JVM so that they pay its start once. It can be stopped and started again on the same address with the
 * same data (topics, committed offsets), as a broker outage. Packaged apps reach it through
 * {@link #appSettings()}; {@link Resource} hands it to a {@code @QuarkusTest} profile.
 */
public final class KafkaBroker {

    private static KafkaBroker shared;

    private final int port = freePort();
    private final int controllerPort = freePort();
    private final String clusterId = Uuid.randomUuid().toString();
    private final Path dataDir;
    private EmbeddedKafkaBroker broker;
    private long lastStartMillis;

    private KafkaBroker() {
        try {
            dataDir = Files.createTempDirectory("continuum-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            Folders.deleteRecursively(dataDir);
        }, "kafka-broker-cleanup"));
    }

    /** The JVM's broker, started on first use. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = new KafkaBroker();
            shared.start();
        }
        return shared;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** What a packaged app needs to use this broker as its event bus, e.g. for {@code PackagedApp}'s settings. */
    public Map<String, String> appSettings() {
        return Map.of("continuum.events.kafka.bootstrap-servers", bootstrapServers());
    }

    /** Starts the broker (again), on the same port and with the data it had; returns how long that took. */
    public synchronized long start() {
        if (broker != null) {
            return lastStartMillis;
        }
        long begin = System.nanoTime();
        broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(properties -> {
                    properties.put("log.dir", dataDir.toString());
                    // groups form at once rather than after the default 3 s of waiting for more members
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    // a restart waits for the previous incarnation's session to expire (9 s by default)
                    properties.put("broker.session.timeout.ms", "2000");
                    properties.put("broker.heartbeat.interval.ms", "500");
                })
                .start();
        lastStartMillis = (System.nanoTime() - begin) / 1_000_000;
        return lastStartMillis;
    }

    /** Stops the broker, keeping its data: clients see the outage a crashed broker causes. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Milliseconds the latest start took. */
    public synchronized long lastStartMillis() {
        return lastStartMillis;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points a {@code @QuarkusTest} profile's application at the shared broker. */
    public static final class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return shared().appSettings();
        }

        @Override
        public void stop() {
            // shared by the JVM's tests: the shutdown hook stops it
        }
    }
}
