package io.continuum.demo;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.NormalizedMessage.Sender;
import io.continuum.consent.Consents;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.csat.CsatSurveys;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.ingestion.MessageIngestion;
import io.continuum.platform.OrderlyStop;
import io.continuum.routing.Agents;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the application with the demo data on, as dev mode and the demo profile do, and checks the 30 days of
 * history it writes through the real pipeline beside the serving node: present on every day, a realistic mix, counted
 * by the metrics on the days they happened, nothing left for or handled by the event consumers, written only once,
 * and a stop while it is written.
 */
@QuarkusTest
@TestProfile(DemoHistoryTest.WithDemoData.class)
class DemoHistoryTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("continuum.demo-data", "true");
        }
    }

    @Inject
    DemoHistory history;

    @Inject
    DataSource dataSource;

    @Inject
    Agents agents;

    @Inject
    MessageIngestion ingestion;
    @Inject
    Conversations conversations;
    @Inject
    ConversationTimeline timeline;
    @Inject
    SeverityPolicy severity;
    @Inject
    QueuePolicy queues;
    @Inject
    SlaPolicy sla;
    @Inject
    Consents consents;
    @Inject
    CsatSurveys surveys;
    @Inject
    EntityManager entityManager;
    @Inject
    Clock clock;

    @Test
    void everyOneOfTheThirtyDaysHasTrafficThatTheMetricsCount() throws SQLException {
        Load load = load();
        assertThat(load.finishedAt()).isNotNull();
        assertThat(load.conversations()).isBetween(150, 400);

        JsonPath metrics = as("supervisor")
                .queryParam("from", load.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .queryParam("to", load.day().atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> series = metrics.getList("series");
        assertThat(series).hasSize(DemoHistory.DAYS);
        assertThat(series).allSatisfy(day -> assertThat((Map<String, Integer>) day.get("figures"))
                .hasEntrySatisfying("conversations", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("automatedDecisions", count -> assertThat(count).isPositive()));

        Map<String, Object> totals = metrics.getMap("totals");
        assertThat((Integer) totals.get("conversations")).isGreaterThanOrEqualTo(load.conversations());
        assertThat((Integer) totals.get("classified")).isGreaterThanOrEqualTo(load.conversations());
        // resolutions of the last evening may fall on the day of the load, outside the window
        assertThat((Integer) totals.get("resolved")).isGreaterThan(load.conversations() * 9 / 10);
        // The rates are read over the history's first 29 days: when this suite crosses midnight UTC, the last day
        // before the load also holds the live traffic the suite's other tests sent a moment earlier.
        JsonPath history = as("supervisor")
                .queryParam("from", load.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .queryParam("to", load.day().minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getDouble("totals.aiDeflectionRate")).isBetween(0.1, 0.45);
        assertThat(history.getDouble("totals.slaBreachRate")).isBetween(0.02, 0.6);
        assertThat(history.getDouble("totals.reopenRate")).isBetween(0.02, 0.25);
        assertThat(history.getDouble("totals.aiOverrideRate")).isBetween(0.01, 0.2);
        assertThat(history.getDouble("totals.csatResponseRate")).isBetween(0.3, 0.9);
        assertThat(history.getDouble("totals.csat")).isBetween(3.3, 4.8);
        // people answer in minutes to hours, not in the milliseconds a compressed history would show
        assertThat(history.getDouble("totals.firstResponseMedianSeconds")).isGreaterThan(60.0);
        assertThat(history.getDouble("totals.resolutionMedianSeconds")).isGreaterThan(1800.0);
    }

    @Test
    void theMixHasEveryChannelAndIntentAndEveryConversationEnded() throws SQLException {
        Load load = load();
        Map<String, Long> channels = countBy(load, "current_channel");
        assertThat(channels).containsKeys("email", "whatsapp", "web_chat", "sms", "messenger", "instagram");
        long total = channels.values().stream().mapToLong(Long::longValue).sum();
        assertThat(channels.get("email")).isLessThan(total / 2);
        assertThat(countBy(load, "intent")).containsKeys("how_to_guidance", "account_access_issue",
                "transaction_system_failure", "bug_technical_defect");
        assertThat(countBy(load, "state")).containsOnlyKeys("resolved");
        List<String> demoAgents = Stream.of("agent", "priya.payments", "tomas.trust")
                .flatMap(username -> agents.findByUsername(username).stream()).map(agent -> agent.id.toString()).toList();
        Set<String> assignees = new HashSet<>(countBy(load, "assigned_agent_id").keySet());
        assignees.remove(null);
        // assigned by agent id, as routing assigns, to the demo agents (when this database has them)
        assertThat(assignees).containsExactlyInAnyOrderElementsOf(demoAgents);
    }

    @Test
    void noEventOfThePastIsLeftForTheConsumers() throws SQLException {
        Load load = load();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE published_at IS NULL), count(*) FROM outbox_event
                 WHERE occurred_at >= ? AND occurred_at < ?""")) {
            statement.setObject(1, load.firstDay().atStartOfDay().atOffset(ZoneOffset.UTC));
            statement.setObject(2, load.day().atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                assertThat(result.getLong(1)).isZero();
                assertThat(result.getLong(2)).as("the history's events, back-dated").isGreaterThan(load.conversations());
            }
        }
    }

    /**
     * The history is written while the node serves, its relay running: its events are born published, so no consumer
     * ever handles one (a month-old message triaged again, its conversation escalated instead of resolved).
     */
    @Test
    void noConsumerActedOnAnEventOfThePast() throws SQLException {
        Load load = load();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FROM processed_event p JOIN outbox_event e ON e.id = p.event_id
                 WHERE e.occurred_at >= ? AND e.occurred_at < ?""")) {
            statement.setObject(1, load.firstDay().atStartOfDay().atOffset(ZoneOffset.UTC));
            statement.setObject(2, load.day().atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                assertThat(result.getLong(1)).isZero();
            }
        }
    }

    @Test
    void loadingAgainWritesNothing() throws SQLException {
        Load before = load();
        long conversations = countBy(before, "state").values().stream().mapToLong(Long::longValue).sum();

        assertThat(history.loadOnce()).isZero();

        assertThat(countBy(before, "state").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(conversations);
        assertThat(load()).isEqualTo(before);
    }

    /**
     * A node stopped while it writes the history: the stop waits for the stories being written and begins no other, so
     * nothing writes to the database once the application goes on to close it. Before, the writers went on through
     * the stop; their transactions failed on the closing database and the transaction reaper kept the JVM from exiting.
     */
    @Test
    void aStopFinishesTheStoriesInHandAndBeginsNoOther() throws Exception {
        HistoryBeingWritten history = historyBeingWritten(2021);

        history.writer().onStopRequested(OrderlyStop.StopRequested.within("TERM", Duration.ofSeconds(25)));

        Map<String, Long> whenStopped = countBy(history.firstDay(), history.loadedOn(), "state");
        int writtenBeforeTheStop = history.written().get();
        assertThat(writtenBeforeTheStop).as("stories written before the stop").isBetween(1, history.drawn() - 1);
        assertThat(whenStopped).as("every story begun was finished before the stop returned")
                .isEqualTo(Map.of("resolved", (long) writtenBeforeTheStop));
        assertThat(countBy(history.firstDay(), history.loadedOn(), "state")).as("nothing written after the stop")
                .isEqualTo(whenStopped);
    }

    /**
     * A stop signal whose budget the waits before it spent goes on without the stories in hand, and the application's
     * shutdown that follows does not wait for them either: otherwise the stop would run past the orchestrator's grace
     * period, which kills the process anyway.
     */
    @Test
    void aStopWithItsBudgetSpentWaitsNeitherAtTheSignalNorAtTheShutdownAfterIt() throws Exception {
        for (int attempt = 1; ; attempt++) {
            HistoryBeingWritten history = historyBeingWritten(2021 + attempt);

            history.writer().onStopRequested(new OrderlyStop.StopRequested("TERM", System.nanoTime() - 1));
            history.writer().onShutdown(null);
            long resolvedWhenTheStopReturned = countBy(history.firstDay(), history.loadedOn(), "state").get("resolved");

            int written = history.written().get();
            assertThat(written).as("no story begun after the stop").isLessThan(history.drawn());
            assertThat(countBy(history.firstDay(), history.loadedOn(), "state")).isEqualTo(Map.of("resolved", (long) written));
            // every writer may have been between two stories at the stop, leaving nothing to wait for: try again
            if (resolvedWhenTheStopReturned < written || attempt == 3) {
                assertThat(resolvedWhenTheStopReturned).as("stories in hand finished after the stop returned, not waited for")
                        .isLessThan(written);
                return;
            }
        }
    }

    private record HistoryBeingWritten(DemoHistory writer, CompletableFuture<Integer> written, Instant firstDay,
                                       Instant loadedOn, int drawn) {
    }

    /**
     * A history of its own, being written once its first story is: thirty days of a past year no other test writes
     * to, each story from a new customer.
     */
    private HistoryBeingWritten historyBeingWritten(int year) {
        Instant loadedOn = Instant.parse(year + "-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(300)));
        Instant firstDay = loadedOn.minus(Duration.ofDays(DemoHistory.DAYS + 1));
        String run = UUID.randomUUID().toString();
        List<DemoHistory.Story> drawn = DemoHistory.stories(loadedOn);
        List<DemoHistory.Story> stories = IntStream.range(0, drawn.size()).mapToObj(i -> ownCustomer(drawn.get(i), run, i)).toList();
        DemoHistory writer = new DemoHistory(ingestion, conversations, timeline, severity, queues, sla, consents, surveys,
                agents, entityManager, clock);

        CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> writer.writeAll(stories, Map.of()));
        await().atMost(Duration.ofMinutes(2)).until(() -> countBy(firstDay, loadedOn, "state").containsKey("resolved"));
        return new HistoryBeingWritten(writer, written, firstDay, loadedOn, stories.size());
    }

    private static DemoHistory.Story ownCustomer(DemoHistory.Story story, String run, int number) {
        Sender customer = new Sender("history-stop-" + run + "-" + number + "@example.net", null, null, "Stop Test", null);
        return new DemoHistory.Story(story.openedAt(), Channels.EMAIL, story.topic(), story.text(), customer,
                story.deflectedByAi(), story.agent(), story.firstResponseAfter(), story.resolvedAfter(), story.corrected(),
                story.reopenedAfterResolution(), story.surveyed(), story.score());
    }

    private record Load(LocalDate day, OffsetDateTime finishedAt, int conversations) {
        LocalDate firstDay() {
            return day.minusDays(DemoHistory.DAYS);
        }
    }

    /** The history is written beside the serving node: each test reads it once it is finished. */
    private Load load() {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(this::loadSoFar, load -> load.finishedAt() != null);
    }

    private Load loadSoFar() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT started_at, finished_at, conversations FROM demo_data_load WHERE name = ?")) {
            statement.setString(1, DemoHistory.LOAD);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("the history's load was claimed at start").isTrue();
                return new Load(result.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
                        result.getObject(2, OffsetDateTime.class), result.getInt(3));
            }
        }
    }

    /** Conversations the history opened (from its first day up to the day it was loaded), by a column. */
    private Map<String, Long> countBy(Load load, String column) throws SQLException {
        return countBy(load.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant(),
                load.day().atStartOfDay(ZoneOffset.UTC).toInstant(), column);
    }

    /** Conversations a history opened between two moments, by a column. */
    private Map<String, Long> countBy(Instant from, Instant to, String column) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT " + column + ", count(*) FROM conversation c WHERE created_at >= ? AND created_at < ? "
                        + "AND EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id "
                        + "AND m.external_id LIKE 'demo-history-%') GROUP BY " + column)) {
            statement.setObject(1, from.atOffset(ZoneOffset.UTC));
            statement.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return counts;
    }
}
