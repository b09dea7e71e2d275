package io.continuum.demo;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.NormalizedMessage.Sender;
import io.continuum.identity.IdentityService;
import io.continuum.ingestion.MessageIngestion;
import io.continuum.routing.AgentStatus;
import io.continuum.routing.Agents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Loads the demo data at first start, through the real ingestion pipeline: when no customer existed before, today's
 * small set, so a newcomer sees conversations on several channels waiting for an answer straight away; then, once per
 * database and beside the serving node, the {@link DemoHistory} of the last 30 days, which fills the dashboard's charts
 * in the seconds after the start instead of holding the start back.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final MessageIngestion ingestion;
    private final Agents agents;
    private final IdentityService identity;
    private final DemoHistory history;
    private final boolean enabled;
    private volatile boolean stopping;

    DemoDataLoader(MessageIngestion ingestion, Agents agents, IdentityService identity, DemoHistory history,
                   @ConfigProperty(name = "continuum.demo-data") boolean enabled) {
        this.identity = identity;
        this.history = history;
        this.ingestion = ingestion;
        this.agents = agents;
        this.enabled = enabled;
    }

    /** After the @Startup beans (the policy store imports its models there), so first contact can decide at once. */
    void onStart(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) StartupEvent start) {
        if (!enabled) {
            return;
        }
        if (!identity.hasCustomers()) {
            loadAgents();
            loadToday();
        }
        Thread historyLoad = new Thread(this::loadHistory, "demo-history-load");
        historyLoad.setDaemon(true);
        historyLoad.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** A node stopped while writing the history leaves it unfinished; the load is not repeated on that database. */
    private void loadHistory() {
        try {
            history.loadOnce();
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.info("The demo history was not finished: the node stopped while writing it");
            } else {
                LOG.error("Could not write the demo history", e);
            }
        }
    }

    private void loadToday() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the two web chat visitors typed their addresses into the widget: claims, which agents see as unverified
        List<NormalizedMessage> messages = List.of(
                message(Channels.EMAIL, "<demo-1@mail.example.com>", new Sender("maria.lopez@example.com", null, null, "María López", null),
                        "Hello, I was charged twice for my March invoice. Can you refund the duplicate?", now.minus(3, ChronoUnit.HOURS)),
                message(Channels.WHATSAPP, "wamid.demo-2", new Sender(null, "+14155550123", null, "Sam Carter", null),
                        "How do I export all my invoices as CSV?", now.minus(2, ChronoUnit.HOURS)),
                message(Channels.WEB_CHAT, "chat-demo-3", new Sender(null, null, null, null, "device-7f3a"),
                        "The app crashes when I open the reports page", now.minus(90, ChronoUnit.MINUTES)),
                message(Channels.WEB_CHAT, "chat-demo-4", new Sender("li.wei@example.org", null, null, "Li Wei", "device-7f3a", false),
                        "My email is li.wei@example.org if you need it", now.minus(85, ChronoUnit.MINUTES)),
                message(Channels.SMS, "SMdemo5", new Sender(null, "+442071838750", null, null, null),
                        "I think someone logged into my account, I did not change my password!", now.minus(30, ChronoUnit.MINUTES)),
                message(Channels.WEB_CHAT, "chat-demo-7", new Sender(null, null, null, null, "device-c21b"),
                        "Hi, is anyone there?", now.minus(20, ChronoUnit.MINUTES)),
                message(Channels.WEB_CHAT, "chat-demo-8", new Sender("maria.lopez@example.com", null, null, null, "device-c21b", false),
                        "It's María again (maria.lopez@example.com), about the double charge", now.minus(18, ChronoUnit.MINUTES)),
                message(Channels.EMAIL, "<demo-6@mail.example.com>", new Sender("maria.lopez@example.com", null, null, "María López", null),
                        "Any news on the refund? This is getting urgent.", now.minus(10, ChronoUnit.MINUTES)));
        messages.forEach(ingestion::ingest);
        LOG.infof("Demo data loaded: %d messages", messages.size());
    }

    /** The demo user "agent" is an agent; two colleagues (who cannot sign in) make routing choices visible. */
    private void loadAgents() {
        List<String> allChannels = List.of(Channels.EMAIL, Channels.WHATSAPP, Channels.WEB_CHAT, Channels.SMS);
        agents.create(new Agents.NewAgent("agent", "Alex Agent",
                List.of("payments", "refunds", "account-security", "technical-support", "enterprise-support"),
                List.of("en", "es"), allChannels, List.of("support"),
                Map.of(Channels.EMAIL, 5, Channels.WHATSAPP, 3, Channels.WEB_CHAT, 2, Channels.SMS, 3), AgentStatus.AVAILABLE), "system");
        agents.create(new Agents.NewAgent("priya.payments", "Priya Payments", List.of("payments", "refunds"),
                List.of("en"), List.of(Channels.EMAIL, Channels.WEB_CHAT), List.of("payments"),
                Map.of(Channels.EMAIL, 4, Channels.WEB_CHAT, 2), AgentStatus.AVAILABLE), "system");
        agents.create(new Agents.NewAgent("tomas.trust", "Tomás Trust", List.of("trust-and-safety", "account-security",
                "engineering-liaison"), List.of("en", "es"), allChannels, List.of("trust-and-safety"),
                Map.of(Channels.EMAIL, 3, Channels.WHATSAPP, 2, Channels.WEB_CHAT, 1, Channels.SMS, 2), AgentStatus.AWAY), "system");
    }

    private static NormalizedMessage message(String channel, String externalId, Sender from, String content, Instant at) {
        return new NormalizedMessage(channel, externalId, from, content, List.of(), at, null);
    }
}
