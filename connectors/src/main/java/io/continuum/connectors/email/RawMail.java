package io.continuum.connectors.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The polled mail as the bytes the server holds: what is parsed, and what is kept as the original. */
@ApplicationScoped
public class RawMail {

    public byte[] bytes(Exchange exchange) throws MessagingException, IOException {
        MailMessage mail = exchange.getIn(MailMessage.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getOriginalMessage().writeTo(out);
        return out.toByteArray();
    }
}
