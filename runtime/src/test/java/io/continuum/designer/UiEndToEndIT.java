package io.continuum.designer;

import io.continuum.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final String WHATSAPP_APP_SECRET = "e2e-app-secret";
    private static final PackagedApp APP = new PackagedApp(PORT, DB, WORK_DIR, Map.of("continuum.demo-data", "true",
            "continuum.decisions.git.repository", WORK_DIR.resolve("policy-repository").toAbsolutePath().toString(),
            "continuum.whatsapp.app-secret", WHATSAPP_APP_SECRET));
    private static final Path UI_DIR = Path.of("..", "designer-ui").toAbsolutePath().normalize();

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        APP.freshDatabase();
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        APP.stop();
    }

    @Test
    void agentsAnalystsAndSupervisorsDoTheirWorkInTheBrowser() throws Exception {
        APP.start("e2e");
        Path output = WORK_DIR.resolve("e2e.log").toAbsolutePath();
        ProcessBuilder browserTests = new ProcessBuilder(node(), UI_DIR.resolve("e2e").resolve("run.mjs").toString())
                .directory(UI_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        browserTests.environment().put("BASE_URL", "http://localhost:" + PORT);
        browserTests.environment().put("WHATSAPP_APP_SECRET", WHATSAPP_APP_SECRET);
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

    /** The Node the build provisioned for the UI (Quinoa), else the one on the PATH. */
    private static String node() {
        Path provisioned = UI_DIR.resolve(".node").resolve("node").resolve("node");
        return Files.isExecutable(provisioned) ? provisioned.toString() : "node";
    }
}
