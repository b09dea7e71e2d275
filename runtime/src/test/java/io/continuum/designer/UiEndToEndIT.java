package io.continuum.designer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.continuum.support.PackagedApp;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the real web app in headless Chromium: starts the packaged application on its own port
 * and database, then runs {@code designer-ui/e2e/run.mjs} (playwright-core) with the Node the
 * build provisioned. Fails on any failed scenario or browser console error; the screenshots of
 * each main screen land in {@code target/screenshots}. The app sends its e-mail to a GreenMail server
 * in this JVM; the script reads what a customer received (a survey link) through {@code MAILBOX_URL},
 * a loopback page of this test that lists the text of the mails delivered to an address.
 */
class UiEndToEndIT {

    private static final int PORT = Integer.getInteger("continuum.e2e.port", 8190);
    private static final int SMTP_PORT = Integer.getInteger("continuum.e2e.smtp-port", 29325);
    private static final String DB = System.getProperty("continuum.e2e.db", "continuum_e2e");
    private static final Path WORK_DIR = Path.of("target", "e2e-app");
    private static final String WHATSAPP_APP_SECRET = "e2e-app-secret";
    private static final String SUPPORT = "support@continuum.e2e";
    private static final String SUPPORT_PASSWORD = "e2e-mail-secret";
    private static final PackagedApp APP = new PackagedApp(PORT, DB, WORK_DIR, Map.ofEntries(
            Map.entry("continuum.demo-data", "true"),
            Map.entry("continuum.decisions.git.repository", WORK_DIR.resolve("policy-repository").toAbsolutePath().toString()),
            Map.entry("continuum.whatsapp.app-secret", WHATSAPP_APP_SECRET),
            Map.entry("continuum.email.smtp.protocol", "smtp"),
            Map.entry("continuum.email.smtp.host", "127.0.0.1"),
            Map.entry("continuum.email.smtp.port", Integer.toString(SMTP_PORT)),
            Map.entry("continuum.email.smtp.username", SUPPORT),
            Map.entry("continuum.email.smtp.password", SUPPORT_PASSWORD),
            Map.entry("continuum.email.smtp.from", SUPPORT),
            Map.entry("continuum.csat.public-url", "http://localhost:" + PORT)));
    private static final Path UI_DIR = Path.of("..", "designer-ui").toAbsolutePath().normalize();

    private static GreenMail mail;
    private static HttpServer mailbox;

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        mail.setUser(SUPPORT, SUPPORT, SUPPORT_PASSWORD);
        mailbox = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mailbox.createContext("/mail", UiEndToEndIT::listMail);
        mailbox.start();
        APP.freshDatabase();
    }

    @AfterAll
    static void stopMail() {
        mailbox.stop(0);
        mail.stop();
    }

    /** GET /mail?to=address: the text of every mail delivered to the address, oldest first, as a JSON array. */
    private static void listMail(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String to = query == null || !query.startsWith("to=") ? "" : URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        try {
            for (MimeMessage message : mail.getReceivedMessages()) {
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && Arrays.stream(recipients).anyMatch(address -> address.toString().contains(to))) {
                    texts.add(text(message));
                }
            }
        } catch (MessagingException e) {
            throw new IOException(e);
        }
        byte[] body = new ObjectMapper().writeValueAsBytes(texts);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Every text part of a mail, decoded (quoted-printable or base64), as a mail client shows it. */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                text.append(text(child)).append('\n');
            }
            return text.toString();
        }
        return content instanceof String string ? string : "";
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        APP.stop();
    }

    @Test
    void agentsAnalystsAndSupervisorsDoTheirWorkInTheBrowser() throws Exception {
        APP.start("e2e");
        // the dashboard's scenarios read the 30 days of history
        APP.awaitDemoHistory();
        Path output = WORK_DIR.resolve("e2e.log").toAbsolutePath();
        ProcessBuilder browserTests = new ProcessBuilder(node(), UI_DIR.resolve("e2e").resolve("run.mjs").toString())
                .directory(UI_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        browserTests.environment().put("BASE_URL", "http://localhost:" + PORT);
        browserTests.environment().put("WHATSAPP_APP_SECRET", WHATSAPP_APP_SECRET);
        browserTests.environment().put("MAILBOX_URL", "http://127.0.0.1:" + mailbox.getAddress().getPort() + "/mail");
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
