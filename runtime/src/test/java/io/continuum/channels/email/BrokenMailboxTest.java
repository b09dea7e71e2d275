package io.continuum.channels.email;

import io.continuum.channels.EmailServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.continuum.channels.email.EmailChannelTest.inbound;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mailbox where deliberately broken mails come first and good ones after, as a real inbox receives
 * them: every good mail is ingested, every broken one is ingested with readable text or quarantined
 * (kept raw, marked seen), and none holds up the others.
 */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class BrokenMailboxTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String address(String who) {
        return who + "-" + run + "@example.com";
    }

    /** A mail from lines joined with CRLF; {@code body} bytes are appended as they are. */
    private byte[] mail(String who, String messageId, List<String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>();
        all.add("X-Corpus-Run: " + run);
        if (who != null) {
            all.add("From: " + (who.contains("<") ? who : address(who)));
        }
        all.add("To: support@continuum.test");
        if (messageId != null) {
            all.add("Message-ID: <" + messageId + "-" + run + "@broken.test>");
        }
        all.add("Date: Sat, 05 Dec 2026 09:00:00 +0000");
        all.addAll(headers);
        out.writeBytes((String.join("\r\n", all) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static JsonPath conversationFrom(String email) {
        return EmailChannelTest.conversationOf(email, 1);
    }

    private List<String> quarantinedReferences() {
        return as("supervisor").get("/api/v1/channels/quarantine?limit=500").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'email' }.reference", String.class);
    }

    @Test
    void brokenMailsFirstAndGoodOnesAfterEveryGoodOneIngestedEveryBadOneReadableOrQuarantined() throws Exception {
        String base64 = Base64.getMimeEncoder().encodeToString("Hello, my printer is broken since Monday and nothing prints."
                .getBytes(StandardCharsets.UTF_8));
        List<byte[]> corpus = List.of(
                // a charset no one knows: the Latin-1 é must still read
                mail("charset", "charset", List.of("Subject: Bad charset", "Content-Type: text/plain; charset=us-askey"),
                        ascii("Caf\u00e9 order 12 never arrived\n")),
                // base64 that breaks off in the middle
                mail("base64", "base64", List.of("Subject: Truncated", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
                        "Content-Transfer-Encoding: base64"), ascii(base64.substring(0, 40) + "#%&!\n")),
                // a multipart whose boundary never occurs
                mail("boundary", "boundary", List.of("Subject: No boundary", "MIME-Version: 1.0",
                        "Content-Type: multipart/mixed; boundary=\"never-used\""), ascii("The boundary is missing but my words are here\n")),
                // 8-bit UTF-8 in headers, no encoded words
                mail("J\u00f6rg M\u00fcller <" + address("eightbit") + ">", "eightbit",
                        List.of("Subject: \u00dcberweisung fehlgeschlagen", "Content-Type: text/plain; charset=utf-8"),
                        "Die \u00dcberweisung ist fehlgeschlagen\n".getBytes(StandardCharsets.UTF_8)),
                // an unknown transfer encoding
                mail("encoding", "encoding", List.of("Subject: Odd encoding", "Content-Transfer-Encoding: x-unheard-of"),
                        ascii("plain words under an odd encoding\n")),
                // one huge line
                mail("hugeline", "hugeline", List.of("Subject: Huge line"), ascii("long " + "x".repeat(40_000) + "\n")),
                // larger than the raw-mail limit (256 KiB in tests): read up to it, noted, original not kept
                mail("oversize", "oversize", List.of("Subject: Oversize", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b2\""),
                        ascii("--b2\nContent-Type: text/plain\n\nstart of a very big mail\n--b2\nContent-Type: application/pdf\n"
                                + "Content-Disposition: attachment; filename=\"scan.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                                + Base64.getMimeEncoder().encodeToString(new byte[300_000]) + "\n--b2--\n")),
                // no Message-ID: a stable id from the bytes; the same bytes twice are one message
                mail("noid", null, List.of("Subject: No id"), ascii("I have no Message-ID\n")),
                mail("noid", null, List.of("Subject: No id"), ascii("I have no Message-ID\n")),
                // an empty body: still a message first contact can triage
                mail("empty", "empty", List.of("Subject: Refund for order 12"), new byte[0]),
                // no usable sender: quarantined
                mail(null, "nofrom", List.of("Subject: From nobody"), ascii("who sent this?\n")),
                mail("not an address", "badfrom", List.of("Subject: Bad from"), ascii("from nowhere\n")),
                // good mails after all the broken ones
                mail("good1", "good1", List.of("Subject: Question", "Content-Type: text/plain; charset=utf-8"), ascii("How do I export my reports?\n")),
                mail("good2", "good2", List.of("Subject: Thanks"), ascii("Thanks for the quick help\n")),
                mail("good3", "good3", List.of("Subject: Invoice", "MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=\"b1\""),
                        ascii("--b1\nContent-Type: text/plain; charset=utf-8\n\nMy invoice is wrong\n--b1\nContent-Type: text/html\n\n<p>My invoice is <b>wrong</b></p>\n--b1--\n")));
        EmailServer.appendToSupport(corpus);

        for (String good : List.of("good1", "good2", "good3")) {
            assertThat(inbound(conversationFrom(address(good)))).hasSize(1);
        }
        assertThat(inbound(conversationFrom(address("good3")))).containsExactly("My invoice is wrong");
        assertThat(inbound(conversationFrom(address("charset")))).containsExactly("Caf\u00e9 order 12 never arrived");
        // the decodable beginning of the text is kept (a decoder that gives up adds a note)
        assertThat(inbound(conversationFrom(address("base64"))).get(0)).startsWith("Hello, my printer is broken");
        assertThat(inbound(conversationFrom(address("boundary"))).get(0)).contains("my words are here");
        JsonPath eightBit = conversationFrom(address("eightbit"));
        assertThat(inbound(eightBit)).containsExactly("Die \u00dcberweisung ist fehlgeschlagen");
        assertThat(as("agent").get("/api/v1/customers/{id}", eightBit.getString("customerId")).then().extract().jsonPath()
                .getString("displayName")).isEqualTo("J\u00f6rg M\u00fcller");
        assertThat(inbound(conversationFrom(address("encoding"))).get(0)).contains("plain words under an odd encoding");
        assertThat(inbound(conversationFrom(address("hugeline"))).get(0)).startsWith("long xxx").hasSizeGreaterThan(40_000);
        JsonPath oversize = conversationFrom(address("oversize"));
        assertThat(inbound(oversize).get(0)).startsWith("start of a very big mail").contains("only its beginning was read");
        assertThat(oversize.getList("timeline.find { it.type == 'message' }.attachments.fileName", String.class))
                .doesNotContain("original.eml");
        assertThat(inbound(conversationFrom(address("noid")))).containsExactly("I have no Message-ID");
        JsonPath empty = conversationFrom(address("empty"));
        assertThat(inbound(empty)).containsExactly("Refund for order 12");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversationFrom(address("empty")).getString("intent") != null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(quarantinedReferences())
                .contains("nofrom-" + run + "@broken.test", "badfrom-" + run + "@broken.test"));
        String noFrom = as("supervisor").get("/api/v1/channels/quarantine?limit=500").then().extract().jsonPath()
                .getString("find { it.reference == 'nofrom-" + run + "@broken.test' }.id");
        assertThat(as("supervisor").get("/api/v1/channels/quarantine/{id}/raw", noFrom).then().statusCode(200)
                .contentType("message/rfc822").extract().asString()).contains("who sent this?");
        as("supervisor").post("/api/v1/channels/quarantine/{id}/retry", noFrom).then().statusCode(422);

        // every mail of the corpus was marked seen: none is polled again and again
        await().atMost(Duration.ofSeconds(10)).until(() -> EmailServer.unseenInSupport("X-Corpus-Run", run) == 0);
    }
}
