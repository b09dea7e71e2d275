package io.continuum.designer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the real web app in headless Chromium: starts the packaged application on its own port
 * and database, then runs {@code designer-ui/e2e/run.mjs} (playwright-core) with the Node the
 * build provisioned. Fails on any failed scenario or browser console error; the screenshots of
 * each main screen land in {@code target/screenshots}.
 */
class UiEndToEndIT {

    private static final int PORT = Integer.getInteger("continuum.e2e.port", 8190);
    private static final String DB = System.getProperty("continuum.e2e.db", "continuum_e2e");
    private static final Path WORK_DIR = Path.of("target", "e2e-app");
    private static final Path UI_DIR = Path.of("..", "designer-ui").toAbsolutePath().normalize();

    private Process app;

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
             var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, DB);
            if (!statement.executeQuery().next()) {
                // A database name cannot be a bind parameter; DB comes from our own configuration.
                connection.createStatement().execute("CREATE DATABASE " + DB);
            }
        }
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "postgres");
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        Files.createDirectories(WORK_DIR);
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void agentsAnalystsAndSupervisorsDoTheirWorkInTheBrowser() throws Exception {
        startApp();
        Path output = WORK_DIR.resolve("e2e.log").toAbsolutePath();
        ProcessBuilder browserTests = new ProcessBuilder(node(), UI_DIR.resolve("e2e").resolve("run.mjs").toString())
                .directory(UI_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        browserTests.environment().put("BASE_URL", "http://localhost:" + PORT);
        browserTests.environment().put("SCREENSHOT_DIR", Path.of("target", "screenshots").toAbsolutePath().toString());
        Process run = browserTests.start();
        run.getOutputStream().close();
        boolean finished = run.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the browser tests finished within 10 minutes").isTrue();
        assertThat(log).doesNotContain("CONSOLE ERROR").doesNotContain("FAIL ");
        assertThat(run.exitValue()).as("browser tests exit code, see %s", output).isZero();
        assertThat(log).contains("SCREENSHOT");
    }

    private void startApp() throws IOException {
        Path log = WORK_DIR.resolve("app.log").toAbsolutePath();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/" + DB,
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dquarkus.oidc.tenant-enabled=false",
                "-Dcontinuum.demo-users.enabled=true",
                "-Dcontinuum.demo-data=true",
                "-Dcontinuum.decisions.git.repository=" + WORK_DIR.resolve("policy-repository").toAbsolutePath(),
                "-Dquarkus.log.console.json=false",
                "-jar", Path.of(System.getProperty("continuum.app.jar")).toAbsolutePath().toString());
        app = new ProcessBuilder(command).directory(WORK_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(app.isAlive()).as("application exited, see %s", log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The Node the build provisioned for the UI (Quinoa), else the one on the PATH. */
    private static String node() {
        Path provisioned = UI_DIR.resolve(".node").resolve("node").resolve("node");
        return Files.isExecutable(provisioned) ? provisioned.toString() : "node";
    }
}
