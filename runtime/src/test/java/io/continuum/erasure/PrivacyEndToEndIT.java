package io.continuum.erasure;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.support.ChatClient;
import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The privacy promise, proven from outside on the packaged application: one person writes by e-mail (with an
 * attachment), WhatsApp and web chat; agents add a note and a reply, a supervisor merges the three identities,
 * triage decides about every message. Before erasure a dump of the whole database ({@code pg_dump}) holds none of
 * their identifiers or phrases in clear, only ciphertext; after erasure neither the dump, nor the data folder, nor
 * anything the application logged during the whole scenario holds any of them.
 */
class PrivacyEndToEndIT {

    private static final int PORT = 18093;
    private static final int SMTP_PORT = 29225;
    private static final int IMAP_PORT = 29243;
    private static final String SUPPORT = "support@continuum.test";
    private static final String SUPPORT_PASSWORD = "support-secret";
    private static final String WHATSAPP_SECRET = "privacy-it-app-secret";
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it");
    private static final Path WORK = Path.of("target", "it-privacy-app");

    private static final String NAME = "Marguerite Quillfeather";
    private static final String EMAIL = "marguerite.quillfeather@example.org";
    private static final String PHONE_DIGITS = "447911123456";
    private static final String EMAIL_PHRASE = "zanzibar-orchid invoice was charged twice";
    private static final String ATTACHMENT_PHRASE = "periwinkle-submarine receipt line";
    private static final String WHATSAPP_PHRASE = "tangerine-lighthouse app crashes at login";
    private static final String WEBCHAT_PHRASE = "velvet-crocodile refund still missing";
    private static final String NOTE_PHRASE = "saffron-hovercraft mentioned on the phone";
    private static final String REPLY_PHRASE = "marmalade-satellite refund is on its way";

    /** What must never be readable at rest or in a log: every identifier and every distinctive phrase. */
    private static final List<String> SECRETS = List.of("Quillfeather", "marguerite.quillfeather", "7911123456",
            "zanzibar-orchid", "periwinkle-submarine", "tangerine-lighthouse", "velvet-crocodile", "saffron-hovercraft",
            "marmalade-satellite");

    private static final PackagedApp APP = new PackagedApp(PORT, DB, WORK, Map.ofEntries(
            Map.entry("continuum.demo-data", "false"),
            Map.entry("continuum.whatsapp.app-secret", WHATSAPP_SECRET),
            Map.entry("continuum.whatsapp.verify-token", "privacy-it"),
            Map.entry("continuum.whatsapp.access-token", "privacy-it-token"),
            Map.entry("continuum.whatsapp.phone-number-id", "106540352242922"),
            Map.entry("continuum.whatsapp.api-base-url", "http://127.0.0.1:1"),
            Map.entry("continuum.email.smtp.protocol", "smtp"),
            Map.entry("continuum.email.smtp.host", "127.0.0.1"),
            Map.entry("continuum.email.smtp.port", Integer.toString(SMTP_PORT)),
            Map.entry("continuum.email.smtp.username", SUPPORT),
            Map.entry("continuum.email.smtp.password", SUPPORT_PASSWORD),
            Map.entry("continuum.email.smtp.from", SUPPORT),
            Map.entry("continuum.email.imap.support.protocol", "imap"),
            Map.entry("continuum.email.imap.support.host", "127.0.0.1"),
            Map.entry("continuum.email.imap.support.port", Integer.toString(IMAP_PORT)),
            Map.entry("continuum.email.imap.support.username", SUPPORT),
            Map.entry("continuum.email.imap.support.password", SUPPORT_PASSWORD),
            Map.entry("continuum.email.imap.support.delay", "500")));

    private static GreenMail mail;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup[]{new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT, SUPPORT, SUPPORT_PASSWORD);
        APP.freshDatabase();
        RestAssured.port = PORT;
        APP.start("privacy");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        APP.stop();
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void nothingReadableAtRestBeforeErasureAndNothingAnywhereAfter() throws Exception {
        UUID byEmail = writeByEmail();
        UUID byWhatsApp = writeByWhatsApp();
        UUID byWebChat = writeByWebChat();

        List<UUID> conversations = List.of(onlyConversationOf(byEmail), onlyConversationOf(byWhatsApp),
                onlyConversationOf(byWebChat));
        UUID emailConversation = conversations.get(0);
        as("agent").body(Map.of("content", NOTE_PHRASE)).post("/api/v1/conversations/{id}/notes", emailConversation)
                .then().statusCode(201);
        as("agent").body(Map.of("content", REPLY_PHRASE, "channel", "email"))
                .post("/api/v1/conversations/{id}/messages", emailConversation).then().statusCode(201);
        for (UUID other : new LinkedHashSet<>(List.of(byWhatsApp, byWebChat))) {
            if (!other.equals(byEmail)) {
                as("supervisor").body(Map.of("otherId", other)).post("/api/v1/customers/{id}/merge", byEmail)
                        .then().statusCode(200);
            }
        }
        for (UUID conversation : conversations) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !as("supervisor")
                    .get("/api/v1/conversations/{id}/decisions", conversation).then().statusCode(200)
                    .extract().jsonPath().getList("$").isEmpty());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("example.org").length > 0);
        assertThat(as("agent").get("/api/v1/conversations/{id}", emailConversation).asString())
                .as("the platform still reads what it sealed").contains(EMAIL_PHRASE, NOTE_PHRASE, REPLY_PHRASE);

        String before = pgDump();
        assertThat(before).as("the dump is of this scenario's database, with ciphertext")
                .contains(emailConversation.toString(), "enc:1:");
        assertThat(hits(before)).as("plaintext in the database before erasure").isEmpty();

        as("admin").delete("/api/v1/customers/{id}?reason=customer-request", byEmail).then().statusCode(200);
        String shell = as("agent").get("/api/v1/conversations/{id}", emailConversation).then().statusCode(200)
                .extract().asString();
        assertThat(hits(shell)).as("the conversation left as a shell").isEmpty();

        assertThat(hits(pgDump())).as("the database after erasure").isEmpty();
        assertThat(hitsInFiles(WORK.resolve("data"))).as("the data folder after erasure").isEmpty();
        assertThat(hits(APP.log("privacy"))).as("what the application logged").isEmpty();
    }

    private UUID writeByEmail() throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(EMAIL, NAME));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject("Double charge");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Hello, my " + EMAIL_PHRASE + ". Please help.");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(
                ("Statement\n" + ATTACHMENT_PHRASE + "\n").getBytes(StandardCharsets.UTF_8), "text/plain")));
        attachment.setFileName("statement.txt");
        message.setContent(new MimeMultipart(body, attachment));
        message.saveChanges();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(SMTP_PORT));
        try (Transport transport = Session.getInstance(smtp).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[]{new InternetAddress(SUPPORT)});
        }
        return await().atMost(Duration.ofSeconds(60)).until(() -> customerFound("email", EMAIL.replace("@", "%40")), found -> found != null);
    }

    private UUID writeByWhatsApp() {
        String payload = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.privacy-it-%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},
                "field":"messages"}]}]}""".formatted(NAME, PHONE_DIGITS, PHONE_DIGITS, UUID.randomUUID(),
                System.currentTimeMillis() / 1000, WHATSAPP_PHRASE);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        RestAssured.given().contentType(ContentType.JSON).header("X-Hub-Signature-256", HubSignature.sign(WHATSAPP_SECRET, body))
                .body(body).post("/webhooks/whatsapp").then().statusCode(200);
        return await().atMost(Duration.ofSeconds(30)).until(() -> customerFound("phone", "%2B" + PHONE_DIGITS), found -> found != null);
    }

    private UUID writeByWebChat() throws Exception {
        try (ChatClient chat = new ChatClient(URI.create("http://localhost:" + PORT + "/ws/chat"))) {
            chat.hello(ChatClient.newVisitorId(), EMAIL, null);
            var ack = chat.say(WEBCHAT_PHRASE, EMAIL);
            assertThat(ack.path("type").asText()).isEqualTo("ack");
            UUID conversation = UUID.fromString(ack.path("conversationId").asText());
            return UUID.fromString(as("agent").get("/api/v1/conversations/{id}", conversation).then().statusCode(200)
                    .extract().path("customerId"));
        }
    }

    private static UUID customerFound(String by, String value) {
        // the value goes as given (already encoded where it must be: RestAssured would leave a '+' to mean a space)
        List<String> ids = as("agent").urlEncodingEnabled(false).queryParam(by, value).get("/api/v1/customers").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        return ids.isEmpty() ? null : UUID.fromString(ids.get(0));
    }

    private static UUID onlyConversationOf(UUID customer) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> ids = as("agent").queryParam("customerId", customer).get("/api/v1/conversations")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            return ids == null || ids.isEmpty() ? null : UUID.fromString(ids.get(0));
        }, found -> found != null);
    }

    private static String pgDump() throws IOException, InterruptedException {
        Path dump = WORK.resolve("dump.sql");
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", DB)
                .redirectErrorStream(true).redirectOutput(dump.toFile());
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("pg_dump finished").isTrue();
        assertThat(process.exitValue()).as("pg_dump: %s", Files.readString(dump)).isZero();
        return Files.readString(dump);
    }

    /** Which secrets a text holds: as written, in any case, or hex-encoded (how a dump shows bytea). */
    private static List<String> hits(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String secret : SECRETS) {
            String needle = secret.toLowerCase(Locale.ROOT);
            String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
            if (lower.contains(needle) || lower.contains(hex)) {
                found.add(secret);
            }
        }
        return found;
    }

    private static Set<String> hitsInFiles(Path folder) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        if (!Files.exists(folder)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                hits(content).forEach(secret -> found.add(secret + " in " + folder.relativize(file)));
            }
        }
        return found;
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }
}
