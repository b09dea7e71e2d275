package io.continuum.channels;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real mail server (GreenMail, SMTP + IMAP) in the test JVM on the fixed loopback ports that
 * {@code %test} configures; the app polls its support mailbox and sends replies through it.
 * Started once for every Quarkus test (a test resource that is not restricted applies to all, so
 * no test restarts the application because of it). Tests talk to it only through SMTP and IMAP,
 * like any mail client: the resource lives in another class loader than the tests.
 */
public class EmailServer implements QuarkusTestResourceLifecycleManager {

    public static final String HOST = "127.0.0.1";
    public static final int SMTP_PORT = 29025;
    public static final int IMAP_PORT = 29143;
    public static final String SUPPORT = "support@continuum.test";
    public static final String SUPPORT_PASSWORD = "support-secret";

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(SMTP_PORT, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(SUPPORT, SUPPORT, SUPPORT_PASSWORD);
        return Map.of();
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", HOST);
        properties.put("mail.smtp.port", String.valueOf(SMTP_PORT));
        properties.put("mail.imap.host", HOST);
        properties.put("mail.imap.port", String.valueOf(IMAP_PORT));
        return Session.getInstance(properties);
    }

    /** Sends a mail to our support mailbox as it is: Message-ID and threading headers untouched. */
    public static void sendToSupport(MimeMessage message) throws MessagingException {
        try (Transport transport = session().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new jakarta.mail.Address[]{new jakarta.mail.internet.InternetAddress(SUPPORT)});
        }
    }

    /**
     * Puts mails into the support mailbox exactly as the given bytes (IMAP APPEND), however broken: the way
     * a real inbox receives spam, old clients and broken mailers.
     */
    public static void appendToSupport(List<byte[]> rawMails) throws MessagingException {
        try (Store store = session().getStore("imap")) {
            store.connect(HOST, IMAP_PORT, SUPPORT, SUPPORT_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            List<Message> messages = new ArrayList<>();
            for (byte[] raw : rawMails) {
                messages.add(new MimeMessage(session(), new java.io.ByteArrayInputStream(raw)));
            }
            inbox.appendMessages(messages.toArray(new Message[0]));
            inbox.close(false);
        }
    }

    /** How many mails of the support mailbox with this header value are not marked seen yet (searched by the server). */
    public static int unseenInSupport(String header, String value) throws MessagingException {
        try (Store store = session().getStore("imap")) {
            store.connect(HOST, IMAP_PORT, SUPPORT, SUPPORT_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int unseen = inbox.search(new jakarta.mail.search.AndTerm(
                    new jakarta.mail.search.FlagTerm(new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), false),
                    new jakarta.mail.search.HeaderTerm(header, value))).length;
            inbox.close(false);
            return unseen;
        }
    }

    /** Every mail the server holds for this address (GreenMail creates a mailbox per recipient: login = password = address). */
    public static List<MimeMessage> receivedBy(String address) {
        try (Store store = session().getStore("imap")) {
            store.connect(HOST, IMAP_PORT, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<MimeMessage> copies = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                copies.add(new MimeMessage((MimeMessage) message));
            }
            inbox.close(false);
            return copies;
        } catch (jakarta.mail.AuthenticationFailedException noMailboxYet) {
            return List.of();
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP read failed", e);
        }
    }
}
