package io.continuum.support;

import io.continuum.demo.DemoHistory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application this build packaged (the runner jar), run as its own process on a test's own port and
 * database in the demo profile (demo users, no OIDC) unless its settings name another {@code quarkus.profile}:
 * what the {@code *IT} tests start, stop, restart and drive from outside.
 */
public final class PackagedApp {

    private static final String MACHINE_SERVER = "127.0.0.1:5432";
    /** {@code quarkus.embedded.postgresql.port} of the build. */
    private static final int EMBEDDED_DATABASE_PORT = 25432;

    private final int port;
    private final String server;
    private final String database;
    private final Path workDir;
    private final Map<String, String> settings;
    /** The app runs on the PostgreSQL it embeds (the README's one-command run), not on the test's. */
    private final boolean embeddedDatabase;
    private Process process;

    /**
     * @param settings further configuration for the app (e.g. {@code continuum.demo-data}), as system properties;
     *                 they win over the defaults here, {@code quarkus.profile} included
     */
    public PackagedApp(int port, String database, Path workDir, Map<String, String> settings) {
        this(port, MACHINE_SERVER, database, workDir, settings);
    }

    /** @param server the PostgreSQL server as host:port, e.g. an {@link OwnPostgres} cluster's */
    public PackagedApp(int port, String server, String database, Path workDir, Map<String, String> settings) {
        this(port, server, database, workDir, settings, false);
    }

    private PackagedApp(int port, String server, String database, Path workDir, Map<String, String> settings,
                        boolean embeddedDatabase) {
        this.port = port;
        this.server = server;
        this.database = database;
        this.workDir = workDir;
        this.settings = settings;
        this.embeddedDatabase = embeddedDatabase;
    }

    /**
     * The app on its embedded defaults: no database configured, so it uses the PostgreSQL it starts itself (on the port
     * fixed at build time, its data folder under the work folder).
     */
    public static PackagedApp onEmbeddedDatabase(int port, Path workDir, Map<String, String> settings) {
        return new PackagedApp(port, "127.0.0.1:" + EMBEDDED_DATABASE_PORT, "postgres", workDir, settings, true);
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    private String jdbc(String name) {
        return "jdbc:postgresql://" + server + "/" + name;
    }

    /** Creates the database if it is missing and empties it, so every run starts from nothing. */
    public void freshDatabase() throws SQLException, IOException {
        try (var connection = DriverManager.getConnection(jdbc("postgres"), "postgres", "postgres");
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                // a database name cannot be a bind parameter; it comes from the test's own constants
                connection.createStatement().execute("CREATE DATABASE " + database);
            }
        }
        try (var connection = DriverManager.getConnection(jdbc(database), "postgres", "postgres");
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        Files.createDirectories(workDir);
    }

    /**
     * Starts the app and waits until it is ready; its output goes to {@code app-<name>.log} in the work folder.
     * Prints the start time Quarkus reports as a {@code [figures]} line.
     */
    public void start(String name) throws IOException {
        Path log = workDir.resolve("app-" + name + ".log").toAbsolutePath();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.profile", "demo");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("kogito.service.url", "http://localhost:" + port);
        if (!embeddedDatabase) {
            properties.put("quarkus.datasource.jdbc.url", jdbc(database));
            properties.put("quarkus.datasource.reactive.url", "postgresql://" + server + "/" + database);
            properties.put("quarkus.datasource.username", "postgres");
            properties.put("quarkus.datasource.password", "postgres");
        }
        properties.put("quarkus.log.console.json", "false");
        properties.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(Path.of(System.getProperty("continuum.app.jar")).toAbsolutePath().toString());
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("application exited, see %s", log).isTrue();
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
        Matcher started = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
        if (started.find()) {
            System.out.printf("[figures] %s start of the packaged app: %ss%n", name, started.group(1));
        }
    }

    /** Waits until the demo history, which a first start writes beside the serving node, is finished. */
    public void awaitDemoHistory() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (var connection = DriverManager.getConnection(jdbc(database), "postgres", "postgres");
                 var finished = connection.prepareStatement(
                         "SELECT 1 FROM demo_data_load WHERE name = ? AND finished_at IS NOT NULL")) {
                finished.setString(1, DemoHistory.LOAD);
                return finished.executeQuery().next();
            }
        });
    }

    /** What the app wrote during the start called {@code name}. */
    public String log(String name) throws IOException {
        return Files.readString(workDir.resolve("app-" + name + ".log"));
    }

    /**
     * Kills the app the way a crash does (SIGKILL: no shutdown hooks, nothing flushed) and waits until it is gone.
     * The embedded PostgreSQL the app starts beside it (unused: the app runs on the test's database) outlives it, as
     * it would a crash; it is stopped here, so no test leaves a server behind on the embedded port.
     */
    public void kill() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("application killed within 30 s").isTrue();
            stopEmbeddedPostgres();
        }
        process = null;
    }

    private void stopEmbeddedPostgres() throws IOException {
        Path pidFile = workDir.resolve("data/postgresql/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).filter(postmaster -> postmaster.info().command().orElse("").endsWith("postgres"))
                .ifPresent(postmaster -> {
                    postmaster.destroy();
                    await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());
                });
    }

    /**
     * Stops the app as an operator would (SIGTERM) and waits for it to finish.
     *
     * @return its exit code; empty when it was not running
     */
    public OptionalInt stop() throws InterruptedException {
        OptionalInt exitCode = OptionalInt.empty();
        if (process != null && process.isAlive()) {
            process.destroy();
            boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                process.destroyForcibly();
            }
            assertThat(stopped).as("application stopped within 60 s").isTrue();
            exitCode = OptionalInt.of(process.exitValue());
        }
        process = null;
        return exitCode;
    }
}
