package io.continuum.channels.email;

import io.continuum.channels.EmailServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** E-mail through a real mail server: IMAP polling in, SMTP out, threading, stripping, automated mail. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class EmailChannelTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/channels/email");
    private static final Session SESSION = Session.getInstance(new Properties());


    /**
     * A fixture with its Message-IDs made unique to this run (the test database persists, and a
     * known Message-ID is a redelivery) and sent by the given customer to our support address.
     */
    private static MimeMessage fixture(String file, String run, String customer) throws IOException, MessagingException {
        String text = Files.readString(FIXTURES.resolve(file)).replaceAll("<([^<>@\\s]+)@([^<>\\s]+)>", "<$1." + run + "@$2>");
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(text.getBytes()));
        message.setFrom(new InternetAddress(customer));
        message.setRecipients(Message.RecipientType.TO, EmailServer.SUPPORT);
        return message;
    }

    private static String messageId(MimeMessage message) throws MessagingException {
        return message.getHeader("Message-ID", null).replaceAll("[<>]", "").trim();
    }

    static JsonPath conversationOf(String customerEmail, int inboundMessages) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> customers = as("agent").queryParam("email", customerEmail).when().get("/api/v1/customers")
                    .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
            if (customers.isEmpty()) {
                return null;
            }
            List<String> conversations = as("agent").queryParam("customerId", customers.get(0)).when().get("/api/v1/conversations")
                    .then().extract().jsonPath().getList("items.id", String.class);
            return conversations.isEmpty() ? null : conversation(conversations.get(0));
        }, timeline -> timeline != null && inbound(timeline).size() >= inboundMessages);
    }

    static List<String> inbound(JsonPath timeline) {
        return timeline.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }

    @Test
    void replyChainThreadsIntoOneConversationByMessageIdAndInReplyTo() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = uniqueEmail("chain");
        MimeMessage original = fixture("rfc5322-A2-1-original.eml", run, customer);
        MimeMessage reply = fixture("rfc5322-A2-2-reply.eml", run, customer);
        MimeMessage replyToReply = fixture("rfc5322-A2-3-reply-to-reply.eml", run, customer);
        EmailServer.sendToSupport(original);
        EmailServer.sendToSupport(reply);
        EmailServer.sendToSupport(replyToReply);

        JsonPath timeline = conversationOf(customer, 3);
        assertThat(inbound(timeline)).hasSize(3);
        List<String> conversations = as("agent").queryParam("customerId", timeline.getString("customerId"))
                .when().get("/api/v1/conversations").then().extract().jsonPath().getList("items.id", String.class);
        assertThat(conversations).containsExactly(timeline.getString("id"));
        assertThat(inbound(timeline).get(1)).isEqualTo("This is a reply to your hello.");
        assertThat(messageId(reply)).endsWith("." + run + "@example.net");
    }

    @Test
    void quotedHistoryIsStrippedAndTheRawOriginalIsKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = uniqueEmail("quoted");
        MimeMessage apple = fixture("talon-apple_mail_2.eml", run, customer);
        EmailServer.sendToSupport(apple);
        JsonPath timeline = conversationOf(customer, 1);
        assertThat(inbound(timeline)).containsExactly("Hello");
        assertThat(timeline.getList("timeline.find { it.type == 'message' }.attachments.fileName", String.class))
                .contains("original.eml");
        long rawSize = timeline.getLong("timeline.find { it.type == 'message' }.attachments.find { it.fileName == 'original.eml' }.sizeBytes");
        assertThat(rawSize).isGreaterThan(Files.size(FIXTURES.resolve("talon-apple_mail_2.eml")) - 200);

        String other = uniqueEmail("yahoo");
        EmailServer.sendToSupport(fixture("talon-yahoo.eml", run, other));
        assertThat(inbound(conversationOf(other, 1))).containsExactly("Hello");
    }

    @Test
    void autoRepliesAndBouncesNeverStartConversations() throws Exception {
        String customer = uniqueEmail("away");
        MimeMessage outOfOffice = plain(customer, "Out of office", "I am away until Monday.");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        String daemon = "mailer-daemon@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        MimeMessage bounce = plain(daemon, "Undelivered Mail Returned to Sender", "Delivery to the following recipient failed");
        EmailServer.sendToSupport(outOfOffice);
        EmailServer.sendToSupport(bounce);
        // a real message from the same customer, delivered after them, shows the poller passed the automated ones
        EmailServer.sendToSupport(plain(customer, "Question", "A real question from a person."));

        JsonPath timeline = conversationOf(customer, 1);
        assertThat(inbound(timeline)).containsExactly("A real question from a person.");
        assertThat(as("agent").queryParam("email", daemon).when().get("/api/v1/customers")
                .then().extract().jsonPath().getList("items", Object.class)).isEmpty();
    }

    @Test
    void htmlIsReducedToSafeTextAndAnOversizedAttachmentIsRefusedWhileTheTextIsKept() throws Exception {
        String customer = uniqueEmail("html");
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(customer));
        message.setRecipients(Message.RecipientType.TO, EmailServer.SUPPORT);
        message.setSubject("Invoice question");
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.example.com>");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><head><style>p{color:red}</style></head><body><p>Hello <b>there</b></p>"
                + "<script>alert('x')</script><p>Invoice <a href=\"javascript:steal()\">12</a> is wrong</p></body></html>", "text/html; charset=utf-8");
        MimeBodyPart small = attachment("receipt.txt", 100);
        MimeBodyPart big = attachment("scan.pdf", 4096);
        message.setContent(new MimeMultipart(html, small, big));
        message.saveChanges();
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.example.com>");
        EmailServer.sendToSupport(message);

        JsonPath timeline = conversationOf(customer, 1);
        String content = inbound(timeline).get(0);
        assertThat(content).contains("Hello there").contains("Invoice 12 is wrong").contains("scan.pdf was not stored")
                .doesNotContain("<").doesNotContain("alert").doesNotContain("javascript").doesNotContain("color:red");
        assertThat(timeline.getList("timeline.find { it.type == 'message' }.attachments.fileName", String.class))
                .contains("receipt.txt", "original.eml").doesNotContain("scan.pdf");
    }

    @Test
    void agentReplyLeavesBySmtpAndTheCustomersAnswerThreadsBack() throws Exception {
        String customer = uniqueEmail("smtp");
        MimeMessage question = plain(customer, "Broken zipper", "The zipper broke after a day.");
        EmailServer.sendToSupport(question);
        JsonPath timeline = conversationOf(customer, 1);
        String conversationId = timeline.getString("id");

        String answer = "We are sending a replacement " + UUID.randomUUID();
        as("agent").body(Map.of("content", answer)).when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(201);
        MimeMessage sent = await().atMost(Duration.ofSeconds(20)).until(() -> EmailServer.receivedBy(customer).stream()
                .filter(m -> body(m).contains(answer)).findFirst().orElse(null), m -> m != null);
        assertThat(sent.getSubject()).contains("[#C-" + conversationId.substring(0, 8) + "]");
        assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo(question.getHeader("Message-ID", null));
        assertThat(sent.getHeader("Message-ID", null)).startsWith("<continuum-");

        // the customer answers our mail: In-Reply-To names our Message-ID
        MimeMessage answerBack = plain(customer, "Re: " + sent.getSubject(), "Thanks, got it.\n\n> " + answer);
        answerBack.setHeader("In-Reply-To", sent.getHeader("Message-ID", null));
        EmailServer.sendToSupport(answerBack);
        // and once more with nothing but the token in the subject
        EmailServer.sendToSupport(plain(customer, "About " + sent.getSubject().replaceAll(".*(\\[#C-[0-9a-f]{8}]).*", "$1"),
                "One more thing."));

        JsonPath after = conversationOf(customer, 3);
        assertThat(after.getString("id")).isEqualTo(conversationId);
        assertThat(inbound(after)).containsExactly("The zipper broke after a day.", "Thanks, got it.", "One more thing.");
        assertThat(after.getString("timeline.find { it.type == 'message' && it.content == '" + answer + "' }.deliveryStatus"))
                .isEqualTo("sent");
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException | MessagingException e) {
            return "";
        }
    }

    private static MimeMessage plain(String from, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, EmailServer.SUPPORT);
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        message.saveChanges();
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.example.com>");
        return message;
    }

    private static MimeBodyPart attachment(String name, int size) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, "application/octet-stream")));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }
}
