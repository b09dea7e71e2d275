package io.continuum.connectors.email;

import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.InboundBatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes an IMAP server can hand over — random, or a good mail cut short, with flipped bytes, a made-up
 * charset or transfer encoding — become a message with readable text, an ignored mail, or a quarantined
 * one with its raw bytes kept: the parser never throws, so one mail can never hold up a mailbox.
 */
class EmailParsingPropertyTest {

    private static final String GOOD = String.join("\r\n",
            "From: Dana Scully <dana@example.com>",
            "To: support@continuum.test",
            "Subject: =?utf-8?q?Caf=C3=A9?= order",
            "Message-ID: <good-1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=CHARSET",
            "Content-Transfer-Encoding: ENCODING",
            "",
            "SGVsbG8sIG15IG9yZGVyIG5ldmVyIGFycml2ZWQu",
            "--b1",
            "Content-Type: application/pdf; name=\"scan.pdf\"",
            "Content-Disposition: attachment; filename=\"scan.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K",
            "--b1--",
            "");

    private final EmailAdapter adapter = new EmailAdapter(new ChannelLimits(2048), null, new TestConfig());

    @Property(tries = 500)
    void randomBytesNeverThrow(@ForAll byte[] raw) {
        assertReadOrKept(raw, adapter.normalise(raw));
    }

    @Property(tries = 500)
    void damagedGoodMailsAreReadOrKept(@ForAll("damagedMails") byte[] raw) {
        assertReadOrKept(raw, adapter.normalise(raw));
    }

    @Provide
    Arbitrary<byte[]> damagedMails() {
        Arbitrary<String> charsets = Arbitraries.of("utf-8", "us-askey", "", "x-unknown-\u00e9", "iso-8859-1", "\"utf-8");
        Arbitrary<String> encodings = Arbitraries.of("base64", "quoted-printable", "8bit", "x-nonsense", "");
        return Combinators.combine(charsets, encodings, Arbitraries.integers().between(0, GOOD.length()),
                        Arbitraries.integers().between(0, GOOD.length() - 1), Arbitraries.bytes())
                .as((charset, encoding, cut, flipAt, flip) -> {
                    String full = GOOD.replace("CHARSET", charset).replace("ENCODING", encoding);
                    byte[] mail = full.substring(0, Math.min(cut + 40, full.length())).getBytes(StandardCharsets.UTF_8);
                    if (mail.length > 0) {
                        mail[flipAt % mail.length] = flip;
                    }
                    return mail;
                });
    }

    private static void assertReadOrKept(byte[] raw, InboundBatch batch) {
        int outcomes = batch.messages().size() + batch.rejected().size() + batch.ignored().size();
        assertThat(outcomes).isEqualTo(1);
        batch.messages().forEach(message -> {
            assertThat(message.message().content()).isNotBlank().doesNotContain("\u0000");
            assertThat(message.message().externalId()).isNotBlank();
            assertThat(message.message().from().email()).contains("@");
        });
        batch.rejected().forEach(rejected -> {
            assertThat(rejected.raw().bytes()).isEqualTo(raw);
            assertThat(rejected.reason()).isNotBlank();
        });
    }

    /** The settings the adapter reads while parsing: limits and our own address. */
    private static final class TestConfig implements EmailConfig {
        @Override
        public Map<String, Mailbox> imap() {
            return Map.of();
        }

        @Override
        public Smtp smtp() {
            return new Smtp() {
                @Override
                public String protocol() {
                    return "smtp";
                }

                @Override
                public String host() {
                    return "localhost";
                }

                @Override
                public int port() {
                    return 25;
                }

                @Override
                public Optional<String> username() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> password() {
                    return Optional.empty();
                }

                @Override
                public String from() {
                    return "Support <support@continuum.test>";
                }

                @Override
                public String messageIdDomain() {
                    return "continuum.test";
                }
            };
        }

        @Override
        public long maxRawBytes() {
            return 1 << 20;
        }
    }
}
