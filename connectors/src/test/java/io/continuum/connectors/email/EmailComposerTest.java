package io.continuum.connectors.email;

import io.continuum.connectors.channel.OutboundMessage;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EmailComposerTest {

    private final EmailComposer composer = new EmailComposer(new SmtpOnly());

    @Test
    void composesEveryReplyInOneSessionWithItsOwnStableMessageId() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        MimeMessage firstMail = compose(first);
        MimeMessage secondMail = compose(second);

        // a session per reply scanned every jar on the class path for Jakarta Mail's provider files
        assertThat(secondMail.getSession()).isSameAs(firstMail.getSession());
        assertThat(firstMail.getMessageID()).isEqualTo("<continuum-" + first + "@mail.example.com>");
        assertThat(secondMail.getMessageID()).isEqualTo("<continuum-" + second + "@mail.example.com>");
        assertThat(compose(first).getMessageID()).isEqualTo(firstMail.getMessageID());
        assertThat(secondMail.getSubject()).isEqualTo("Re: your request [#C-1a2b3c4d]");
    }

    private MimeMessage compose(UUID messageId) throws Exception {
        try (var camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setBody(new OutboundMessage(messageId, UUID.randomUUID(), "email", "C-1a2b3c4d",
                    new OutboundMessage.Recipient("Ana", "ana@example.com", null, List.of()), "Here are the steps",
                    null, List.of(), null));
            composer.compose(exchange);
            return exchange.getIn().getBody(MimeMessage.class);
        }
    }

    /** Only the SMTP settings the composer reads. */
    private static final class SmtpOnly implements EmailConfig {

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
                    return "Support <support@example.com>";
                }

                @Override
                public String messageIdDomain() {
                    return "mail.example.com";
                }
            };
        }

        @Override
        public long maxRawBytes() {
            return 1024;
        }
    }
}
