package io.continuum.demo;

import io.continuum.audit.Actor;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.InboundSink.Accepted;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.NormalizedMessage.Sender;
import io.continuum.consent.ConsentPurpose;
import io.continuum.consent.ConsentSource;
import io.continuum.consent.Consents;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Correction;
import io.continuum.conversation.Message;
import io.continuum.conversation.SlaTargets;
import io.continuum.conversation.TriageOutcome;
import io.continuum.csat.CsatSurveys;
import io.continuum.events.Outbox;
import io.continuum.firstcontact.RiskSignals;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.ingestion.MessageIngestion;
import io.continuum.platform.DemoHistoryClock;
import io.continuum.platform.OrderlyStop;
import io.continuum.routing.Agents;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thirty days of past traffic for the demo, so the dashboard's charts have a shape on the first start: a few hundred
 * conversations on every channel with the intents support teams receive, answered by the AI or by agents (some
 * late enough to breach their SLA), resolved, some reopened, some corrected by a person, most surveyed. Each customer
 * message goes through {@link MessageIngestion} and each later step through the feature that owns it (triage's live
 * policies, the conversation's own methods, the timeline, consent, the satisfaction survey answered through its
 * link), on a thread whose {@link DemoHistoryClock} reads the moment being written. The events those steps write are
 * born published ({@link Outbox}): they describe the past, and no consumer may act on them now. The traffic is drawn
 * from a fixed seed, so every fresh start shows the same history; it is loaded once per database (the first node
 * to record the load in {@code demo_data_load} writes it; a load a stop or a crash interrupted is not repeated).
 */
@ApplicationScoped
public class DemoHistory {

    private static final Logger LOG = Logger.getLogger(DemoHistory.class);
    public static final String LOAD = "history-30-days";
    static final int DAYS = 30;
    private static final long SEED = 21;
    private static final int WRITERS = 4;
    /** How long a stop waits for the stories being written, within the stop's budget. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final List<String> AGENTS = List.of("agent", "priya.payments", "tomas.trust");
    private static final Pattern SURVEY_LINK = Pattern.compile("/csat/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    /** How one past conversation goes, drawn once per conversation; {@code agent} is the username of who handles it. */
    record Story(Instant openedAt, String channel, Topic topic, String text, Sender sender, boolean deflectedByAi,
                 String agent, Duration firstResponseAfter, Duration resolvedAfter, boolean corrected,
                 Optional<Duration> reopenedAfterResolution, boolean surveyed, Optional<Integer> score) {
    }

    /** What the customer writes about: the intent triage sees and a few phrasings of it. */
    record Topic(String intent, double weight, boolean deflectable, List<String> phrasings) {
    }

    static final List<Topic> TOPICS = List.of(
            new Topic("how_to_guidance", 0.34, true, List.of(
                    "How do I export all my invoices as CSV?",
                    "Where can I change the e-mail address on my account?",
                    "How do I add a second user to our workspace?",
                    "Can I download last year's receipts in one file?",
                    "How do I turn on two-factor authentication?")),
            new Topic("account_access_issue", 0.18, false, List.of(
                    "I can't log in, the reset link says it has expired",
                    "My account is locked after too many attempts, please help",
                    "I no longer have the phone for my 2FA codes and cannot sign in")),
            new Topic("transaction_system_failure", 0.18, false, List.of(
                    "I was charged twice for order %d, please refund the duplicate",
                    "My payment of %d EUR failed but the money left my account",
                    "The refund for order %d never arrived on my card")),
            new Topic("bug_technical_defect", 0.2, false, List.of(
                    "The app crashes when I open the reports page",
                    "Uploading a PDF gives an error 500 since this morning",
                    "The dashboard shows yesterday's numbers twice after the update")),
            new Topic("urgent_high_risk", 0.04, false, List.of(
                    "Someone logged into my account from another country, I did not change my password!",
                    "I see payments I never made, my card may be stolen")),
            new Topic("noise_low_intent", 0.06, true, List.of(
                    "Hi, is anyone there?",
                    "thanks!",
                    "ok")));

    /** Channel and its share of the traffic. */
    private static final List<String> CHANNELS = List.of(Channels.EMAIL, Channels.WHATSAPP, Channels.WEB_CHAT,
            Channels.SMS, Channels.MESSENGER, Channels.INSTAGRAM);
    private static final double[] CHANNEL_SHARES = {0.32, 0.26, 0.24, 0.08, 0.06, 0.04};
    private static final List<String> FIRST_NAMES = List.of("Ana", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace",
            "Hugo", "Ines", "Jonas", "Kemi", "Lars", "Mei", "Nora", "Omar", "Paula", "Quinn", "Rosa", "Sven", "Tara");
    private static final List<String> LAST_NAMES = List.of("Almeida", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer",
            "García", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petit");

    private final MessageIngestion ingestion;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final SeverityPolicy severity;
    private final QueuePolicy queues;
    private final SlaPolicy sla;
    private final Consents consents;
    private final CsatSurveys surveys;
    private final Agents agents;
    private final EntityManager entityManager;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile ExecutorService writers;

    DemoHistory(MessageIngestion ingestion, Conversations conversations, ConversationTimeline timeline,
                SeverityPolicy severity, QueuePolicy queues, SlaPolicy sla, Consents consents, CsatSurveys surveys,
                Agents agents, EntityManager entityManager, Clock clock) {
        this.agents = agents;
        this.ingestion = ingestion;
        this.conversations = conversations;
        this.timeline = timeline;
        this.severity = severity;
        this.queues = queues;
        this.sla = sla;
        this.consents = consents;
        this.surveys = surveys;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Writes the history unless this database has it (or another node is writing it).
     * @return how many conversations were written; 0 when the history was already there, fewer than drawn when the
     * node stopped while writing them
     */
    public int loadOnce() {
        Instant now = clock.instant();
        if (!QuarkusTransaction.requiringNew().call(() -> claim(now))) {
            return 0;
        }
        long started = System.nanoTime();
        List<Story> stories = stories(now);
        Map<String, String> agentIds = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> AGENTS.forEach(username -> agents.findByUsername(username)
                .ifPresent(agent -> agentIds.put(username, agent.id.toString()))));
        int written = writeAll(stories, agentIds);
        if (written < stories.size()) {
            LOG.infof("The demo history was not finished: the node stopped after %d of %d conversations",
                    written, stories.size());
            return written;
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE demo_data_load SET finished_at = ?1, conversations = ?2 WHERE name = ?3")
                .setParameter(1, clock.instant().atOffset(ZoneOffset.UTC)).setParameter(2, stories.size())
                .setParameter(3, LOAD).executeUpdate());
        LOG.infof("Demo history loaded: %d conversations over %d days in %d ms",
                stories.size(), DAYS, (System.nanoTime() - started) / 1_000_000);
        return stories.size();
    }

    /**
     * Each story has a customer of its own, so stories are written side by side (each on one thread, where the
     * demo clock reads its moments): the history is ready in seconds, not in the time of its commits one by one.
     * Once the node is stopping, no further story begins.
     * @return how many stories were written
     */
    int writeAll(List<Story> stories, Map<String, String> agentIds) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS, runnable -> {
            Thread writer = new Thread(runnable, "demo-history");
            writer.setDaemon(true);
            return writer;
        });
        writers = pool;
        AtomicInteger written = new AtomicInteger();
        try {
            List<Future<?>> submitted = stories.stream().<Future<?>>map(story -> pool.submit(() -> {
                if (!stopping) {
                    write(story, agentIds);
                    written.incrementAndGet();
                }
            })).toList();
            pool.shutdown();
            for (Future<?> story : submitted) {
                story.get();
            }
            return written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the demo history", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write the demo history", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A stop signal: the stories being written are finished and no other begins, before the application closes the
     * database (a writer still running then failed on the closed connections, and Narayana's transaction reaper,
     * left with their transactions, kept the JVM from exiting). The history stays unfinished on this database.
     */
    void onStopRequested(@Observes OrderlyStop.StopRequested requested) throws InterruptedException {
        stop(requested.timeLeft(STOP_WAIT));
    }

    void onShutdown(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stop(STOP_WAIT);
    }

    /**
     * Once: after a stop signal has waited within the stop's budget, the application's shutdown that follows does not
     * wait again.
     */
    synchronized void stop(Duration patience) throws InterruptedException {
        if (stopping) {
            return;
        }
        stopping = true;
        ExecutorService pool = writers;
        if (pool != null && !pool.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("Demo history still writing after %d ms at shutdown", patience.toMillis());
        }
    }

    /** True when this node recorded the load first: the insert waits for another node's, then finds it there. */
    private boolean claim(Instant now) {
        return entityManager.createNativeQuery(
                        "INSERT INTO demo_data_load (name, started_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, LOAD).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate() == 1;
    }

    /**
     * The stories of the 30 UTC days before today's: fewer on weekends, more on Mondays; each from a customer of
     * its own, so no story runs into another's reopen window.
     */
    static List<Story> stories(Instant now) {
        Random random = new Random(SEED);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Story> stories = new ArrayList<>();
        for (int back = DAYS; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            int count = switch (day.getDayOfWeek()) {
                case SATURDAY, SUNDAY -> 3 + random.nextInt(3);
                case MONDAY -> 10 + random.nextInt(4);
                default -> 7 + random.nextInt(4);
            };
            for (int i = 0; i < count; i++) {
                Instant openedAt = day.atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plusSeconds(7 * 3600 + random.nextInt(13 * 3600));
                String channel = pick(CHANNELS, CHANNEL_SHARES, random);
                stories.add(story(openedAt, channel, newCustomer(stories.size(), channel, random), random));
            }
        }
        return stories;
    }

    private static Story story(Instant openedAt, String channel, Sender sender, Random random) {
        Topic topic = pick(TOPICS, TOPICS.stream().mapToDouble(Topic::weight).toArray(), random);
        String phrasing = topic.phrasings().get(random.nextInt(topic.phrasings().size()));
        String text = phrasing.contains("%d") ? phrasing.formatted(10_000 + random.nextInt(90_000)) : phrasing;
        boolean deflected = topic.deflectable() && random.nextDouble() < 0.55;
        // agents answer in minutes to a few hours (a long tail: the late ones breach their first-response target)
        Duration firstResponse = deflected ? Duration.ofSeconds(4 + random.nextInt(8))
                : Duration.ofMinutes(Math.round(Math.exp(2.6 + random.nextGaussian() * 1.1)) + 1);
        Duration resolution = deflected ? Duration.ofMinutes(20 + random.nextInt(60))
                : firstResponse.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
        boolean reopened = !deflected && random.nextDouble() < 0.12;
        boolean surveyed = random.nextDouble() < 0.7;
        boolean late = firstResponse.compareTo(Duration.ofHours(2)) > 0;
        Optional<Integer> score = surveyed && random.nextDouble() < 0.6
                ? Optional.of(score(random, late || reopened)) : Optional.empty();
        return new Story(openedAt, channel, topic, text, sender, deflected,
                deflected ? null : AGENTS.get(random.nextInt(AGENTS.size())), firstResponse, resolution,
                !deflected && random.nextDouble() < 0.08,
                reopened ? Optional.of(Duration.ofHours(2 + random.nextInt(60))) : Optional.empty(), surveyed, score);
    }

    /** Most customers are pleased; a late answer or a reopening pulls the score down. */
    private static int score(Random random, boolean disappointed) {
        double draw = random.nextDouble();
        if (disappointed) {
            return draw < 0.35 ? 2 : draw < 0.6 ? 3 : draw < 0.85 ? 4 : 1;
        }
        return draw < 0.55 ? 5 : draw < 0.85 ? 4 : draw < 0.95 ? 3 : 2;
    }

    private static Sender newCustomer(int number, String channel, Random random) {
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        String name = first + " " + last;
        String email = (first + "." + last + "." + number).toLowerCase().replaceAll("[^a-z0-9.]", "") + "@example.net";
        String phone = "+1555" + String.format("%07d", 100_000 + number);
        return switch (channel) {
            case Channels.EMAIL -> new Sender(email, null, null, name, null);
            case Channels.WHATSAPP, Channels.SMS -> new Sender(null, phone, null, name, null);
            case Channels.WEB_CHAT -> new Sender(null, null, null, null, "demo-device-" + number);
            default -> new Sender(null, null, channel + "-demo-" + number, name, null);
        };
    }

    private static <T> T pick(List<T> options, double[] shares, Random random) {
        double draw = random.nextDouble() * Arrays.stream(shares).sum();
        for (int i = 0; i < options.size(); i++) {
            draw -= shares[i];
            if (draw < 0) {
                return options.get(i);
            }
        }
        return options.get(options.size() - 1);
    }

    /**
     * Writes one story step by step, each step at its own past moment: the customer's messages through ingestion
     * (a transaction each), what followed each of them in one transaction.
     */
    private void write(Story story, Map<String, String> agentIds) {
        Instant opened = story.openedAt();
        String externalId = "demo-history-" + opened.toEpochMilli() + "-" + Math.abs(story.text().hashCode());
        Accepted accepted = DemoHistoryClock.at(opened, () -> ingestion.ingest(new NormalizedMessage(story.channel(),
                externalId, story.sender(), story.text(), List.of(), opened, null)));
        UUID conversationId = accepted.conversationId();
        Instant resolvedAt = opened.plus(story.resolvedAfter());
        Optional<Instant> reopenedAt = story.reopenedAfterResolution().map(resolvedAt::plus);
        QuarkusTransaction.requiringNew().run(() -> {
            DemoHistoryClock.at(opened.plusSeconds(2), () -> triage(conversationId, accepted.messageId(), story));
            DemoHistoryClock.at(opened.plus(story.firstResponseAfter()), () -> answer(conversationId, story, agentIds));
            DemoHistoryClock.at(resolvedAt, () -> resolve(conversationId, story));
            if (reopenedAt.isEmpty() && story.surveyed()) {
                survey(conversationId, accepted.customerId(), story, resolvedAt.plus(Duration.ofMinutes(1)));
            }
        });
        if (reopenedAt.isPresent()) {
            Instant reopened = reopenedAt.get();
            DemoHistoryClock.at(reopened, () -> ingestion.ingest(new NormalizedMessage(story.channel(),
                    externalId + "-again", story.sender(), "It is happening again, the problem is not solved", List.of(),
                    reopened, null)));
            Instant resolvedAgain = reopened.plus(Duration.ofHours(3));
            QuarkusTransaction.requiringNew().run(() -> {
                DemoHistoryClock.at(reopened.plus(Duration.ofMinutes(25)), () -> answer(conversationId, story, agentIds));
                DemoHistoryClock.at(resolvedAgain, () -> resolve(conversationId, story));
                if (story.surveyed()) {
                    survey(conversationId, accepted.customerId(), story, resolvedAgain.plus(Duration.ofMinutes(1)));
                }
            });
        }
    }

    /** Triage with the live policies (each decision logged); the story knows the intent the classifier would read. */
    private void triage(UUID conversationId, UUID messageId, Story story) {
        String intent = story.topic().intent();
        String tier = "standard";
        RiskSignals signals = RiskSignals.in(story.text());
        String level = severity.decide(new SeverityPolicy.Inputs(intent, signals, tier, 0.0), conversationId);
        QueuePolicy.Route route = queues.decide(new QueuePolicy.Inputs(intent, level, story.channel(), tier, "en"),
                conversationId);
        SlaPolicy.Targets targets = sla.decide(new SlaPolicy.Inputs(tier, level, story.channel()), conversationId);
        timeline.setReading(messageId, "en", intent, 0.62 + (Math.abs(story.text().hashCode()) % 35) / 100.0);
        conversations.change(conversationId, (conversation, now) -> {
            conversation.triage(new TriageOutcome(intent, level, route.queue(), route.requiredSkills(),
                    route.handlingMode(), route.priority()), Actor.rule(QueuePolicy.NAME,
                    Integer.toString(route.policyVersion())), now);
            conversation.setSlaTargets(new SlaTargets(due(conversation.createdAt, targets.firstResponse()),
                    due(conversation.createdAt, targets.nextResponse()), due(conversation.createdAt, targets.resolution())),
                    Actor.rule(SlaPolicy.NAME, Integer.toString(targets.policyVersion())), now);
        });
    }

    private static Instant due(Instant from, Duration target) {
        return target == null ? null : from.plus(target);
    }

    /** The AI's answer, or the agent's (assigned first by their agent id, when the demo agents exist). */
    private void answer(UUID conversationId, Story story, Map<String, String> agentIds) {
        Message reply;
        if (story.deflectedByAi()) {
            reply = timeline.replyAutomatically(conversationId, "Here is how to do it, step by step: "
                    + "https://help.example.com/articles/getting-started. Reply here if you would rather talk to a person.",
                    "ai:first-contact");
        } else {
            Optional.ofNullable(agentIds.get(story.agent())).ifPresent(agentId -> conversations.change(conversationId,
                    (conversation, now) -> conversation.assign(agentId, Actor.system("routing"), now)));
            if (story.corrected()) {
                conversations.change(conversationId, (conversation, now) -> conversation.correct(
                        new Correction(Optional.of("bug_technical_defect"), Optional.empty(), Optional.empty()),
                        Actor.human(story.agent()), now));
            }
            reply = timeline.reply(conversationId, "Thanks for writing, I am looking into it now and will keep you posted.",
                    Optional.empty(), story.agent());
        }
        timeline.setDeliveryStatus(reply.id, "delivered");
    }

    private void resolve(UUID conversationId, Story story) {
        Actor actor = story.deflectedByAi() ? Actor.ai("first-contact") : Actor.human(story.agent());
        conversations.change(conversationId, (conversation, now) -> conversation.moveAutomatically(
                ConversationState.RESOLVED, story.deflectedByAi() ? "answered by the knowledge base" : "solved", actor, now));
    }

    /** The customer agreed to surveys when they first wrote; the answer comes through the survey's own link. */
    private void survey(UUID conversationId, UUID customerId, Story story, Instant at) {
        Optional<String> token = DemoHistoryClock.at(at, () -> {
            consents.record(customerId, new Consents.Statement(ConsentPurpose.SURVEYS, true, ConsentSource.IMPORT,
                    "May we ask how we did?"), Actor.system("demo-data"));
            if (surveys.request(conversationId, Actor.system("demo-data")) instanceof CsatSurveys.Request.Sent sent) {
                return timeline.findMessage(sent.survey().messageId).map(message -> tokenIn(message.content));
            }
            return Optional.<String>empty();
        });
        if (token.isPresent() && story.score().isPresent()) {
            DemoHistoryClock.at(at.plus(Duration.ofMinutes(40)), () ->
                    surveys.answer(token.get(), story.score().get(), null, "link"));
        }
    }

    /** The signed token of the survey link in the message ("…/csat/<payload>.<mac>"). */
    private static String tokenIn(String surveyMessage) {
        Matcher link = SURVEY_LINK.matcher(surveyMessage);
        if (!link.find()) {
            throw new IllegalStateException("The survey message carries no survey link");
        }
        return link.group(1);
    }
}
