package io.continuum.privacy;

import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console handler writes during an ingest and reply scenario contains none of the scenario's
 * identifiers: a capturing handler with the console handler's own filter sees exactly what it prints.
 */
@QuarkusTest
class PiiFreeLogsTest {

    private final CapturingHandler captured = new CapturingHandler();
    private final org.jboss.logmanager.Logger root = LogContext.getLogContext().getLogger("");
    private Handler[] rootHandlers;

    /** First in line, so it sees each record before the console handler's filter masks it in place. */
    @BeforeEach
    void capture() {
        captured.setFilter(consoleFilter().orElseThrow(() -> new AssertionError("the console handler has no filter")));
        rootHandlers = root.getHandlers();
        Handler[] withCapture = new Handler[rootHandlers.length + 1];
        withCapture[0] = captured;
        System.arraycopy(rootHandlers, 0, withCapture, 1, rootHandlers.length);
        root.setHandlers(withCapture);
    }

    @AfterEach
    void release() {
        root.setHandlers(rootHandlers);
    }

    @Test
    void theConsoleHandlerMasksPersonalData() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Reply sent to ana@example.com", PiiFreeLogsTest.class.getName());
        assertThat(consoleFilter().orElseThrow().isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("Reply sent to [email]");
    }

    @Test
    void anIngestAndReplyScenarioLeavesNoIdentifierInTheLog() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "ines.ferreira." + unique + "@example.org";
        String phone = "+3512" + (10_000_000 + Math.abs(unique.hashCode() % 89_999_999));
        String card = "4111 1111 1111 1111";
        String conversation = receive(inbound("email", sender(email, null, null, "Inês Ferreira", null),
                "My card " + card + " was charged twice, call me on " + phone)).getString("conversationId");
        receive(inbound("whatsapp", sender(null, phone, null, "Inês", null), "Did you see my e-mail from " + email + "?"));
        as("agent").body(Map.of("content", "We are refunding the charge to " + email))
                .when().post("/api/v1/conversations/{id}/messages", conversation).then().statusCode(201);
        as("agent").body(Map.of("content", "Customer " + phone + " confirmed by phone"))
                .when().post("/api/v1/conversations/{id}/notes", conversation).then().statusCode(201);
        // what Camel logs when an exchange fails: the endpoint with its credentials and the recipient
        Logger.getLogger("org.apache.camel.component.mail.MailProducer").log(Level.WARNING,
                "Failed delivery for (MessageId: " + unique + ") on smtp://support:hunter2@mail.example.com to " + email,
                new IllegalStateException("550 mailbox " + email + " unavailable; sender " + phone));

        assertThat(captured.raw()).as("the scenario logged its identifiers, so the filter had work to do")
                .anyMatch(line -> line.contains(email));
        assertThat(captured.written()).anyMatch(line -> line.contains("Failed delivery for (MessageId: " + unique + ")"));
        assertThat(String.join("\n", captured.written()))
                .doesNotContain(email, phone, phone.substring(1), card, card.replace(" ", ""), "hunter2");
    }

    private static Optional<Filter> consoleFilter() {
        return consoleHandler(LogContext.getLogContext().getLogger("").getHandlers()).map(Handler::getFilter);
    }

    private static Optional<Handler> consoleHandler(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler) {
                return Optional.of(handler);
            }
            if (handler instanceof ExtHandler parent) {
                Optional<Handler> nested = consoleHandler(parent.getHandlers());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /** Keeps each record as it arrives and as the filter lets it through, formatted with its exceptions. */
    private static final class CapturingHandler extends Handler {

        private final PatternFormatter format = new PatternFormatter("%c %s%e");
        private final List<String> raw = new ArrayList<>();
        private final List<String> written = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            raw.add(format.format(record));
            if (isLoggable(record)) {
                written.add(format.format(record));
            }
        }

        synchronized List<String> raw() {
            return List.copyOf(raw);
        }

        synchronized List<String> written() {
            return List.copyOf(written);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
