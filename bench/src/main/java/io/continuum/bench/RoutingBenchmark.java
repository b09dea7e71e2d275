package io.continuum.bench;

import io.continuum.routing.AgentSelection;
import io.continuum.routing.WaitingQueue;
import io.continuum.sla.SlaClockScheduler;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routing and SLA-clock capacity on the platform's full schema (every Flyway migration of the runtime,
 * applied to a fresh database), running the very statements {@code RoutingEngine}, {@code AgentSelection},
 * {@code WaitingQueue} and {@code SlaClockScheduler} run (their constants, see {@link CodeStatement}):
 * <ul>
 *   <li>push: claim a waiting conversation, pick the best candidates, and what the explanation records of who
 *       else qualified, with one router and with two routers at once;</li>
 *   <li>pull: the most urgent waiting conversation an agent qualifies for and has a free slot for;</li>
 *   <li>an SLA scheduler pass over a million open clocks with nothing due, and one claiming a full batch.</li>
 * </ul>
 * Every measured transaction is rolled back, so each sees the same agents, queue and clocks.
 */
public final class RoutingBenchmark {

    private static final int SLA_BATCH = 500;

    private final RoutingSettings settings;
    private final BenchDatabase database;

    private RoutingBenchmark(RoutingSettings settings) {
        this.settings = settings;
        this.database = new BenchDatabase(settings.jdbcUrl(), settings.user(), settings.password());
    }

    public static void main(String[] args) throws Exception {
        new RoutingBenchmark(RoutingSettings.from(args)).run();
    }

    private void run() throws Exception {
        recreateDatabase();
        var migrated = Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration").load().migrate();
        System.out.printf(Locale.ROOT, "[bench] applied %d migrations (schema version %s)%n",
                migrated.migrationsExecuted, migrated.targetSchemaVersion);
        System.out.println("[machine] " + Machine.describe(database));

        long seeding = System.nanoTime();
        seed("routing/agents-and-queue.sql");
        System.out.printf(Locale.ROOT, "[bench] seeded in %.1f s: %s%n", (System.nanoTime() - seeding) / 1e9, single("""
                SELECT (SELECT count(*) FROM agent) || ' agents (' || (SELECT count(*) FROM agent WHERE status = 'available')
                    || ' available), ' || (SELECT count(*) FROM agent_channel_load) || ' agent channels ('
                    || (SELECT count(*) FROM agent_channel_load WHERE active < capacity) || ' with a free slot), '
                    || (SELECT count(*) FROM routing_queue_entry) || ' waiting conversations'"""));

        List<UUID> waiting = ids("SELECT conversation_id FROM routing_queue_entry");
        List<UUID> askingAgents = ids("SELECT id FROM agent WHERE status <> 'offline'");
        measure("routing decision, push (claim, best " + AgentSelection.CANDIDATES_SHOWN + " candidates, explanation)", 1,
                connection -> push(connection, waiting));
        measure("routing decision, push with two routers at once", 2, connection -> push(connection, waiting));
        measure("routing decision, pull (the most urgent conversation for an agent asking)", 1,
                connection -> pull(connection, askingAgents));

        seeding = System.nanoTime();
        seed("routing/sla-clocks.sql");
        System.out.printf(Locale.ROOT, "[bench] seeded in %.1f s: %s%n", (System.nanoTime() - seeding) / 1e9, single("""
                SELECT count(*) || ' open SLA clocks, table and indexes ' || pg_size_pretty(pg_total_relation_size('sla_clock'))
                    || ' (' || round(pg_total_relation_size('sla_clock')::numeric / count(*)) || ' bytes per clock)'
                FROM sla_clock"""));
        measure("SLA scheduler pass with nothing due (" + settings.clocks() + " clocks)", 1, this::slaPass);
        execute("UPDATE sla_clock SET next_fire_at = now() - random() * interval '30 seconds' WHERE id IN "
                + "(SELECT id FROM sla_clock ORDER BY next_fire_at LIMIT " + settings.due() + ")");
        execute("ANALYZE sla_clock");
        measure("SLA scheduler pass claiming a batch of " + SLA_BATCH + " due clocks (" + settings.due() + " due)", 1,
                this::slaPass);
    }

    /** One measured operation on a worker's own connection; returns whether it found something to do. */
    @FunctionalInterface
    private interface Operation {
        boolean runOn(Connection connection) throws SQLException;
    }

    private static final CodeStatement CLAIM = CodeStatement.of(WaitingQueue.CLAIM);
    private static final CodeStatement CANDIDATES = CodeStatement.of(AgentSelection.CANDIDATES);
    private static final CodeStatement QUALIFIED_COUNT = CodeStatement.of(AgentSelection.QUALIFIED_COUNT);
    private static final CodeStatement CLAIM_MOST_URGENT_FOR = CodeStatement.of(WaitingQueue.CLAIM_MOST_URGENT_FOR);
    private static final CodeStatement DUE_CLOCKS = CodeStatement.of(SlaClockScheduler.DUE_CLOCKS);

    /**
     * RoutingEngine.dispatch up to taking a slot: claim the conversation, rank the candidates, and what the
     * explanation records of who else qualified (AgentSelection.explain: counted only when a full list came back).
     */
    private static boolean push(Connection connection, List<UUID> waiting) throws SQLException {
        UUID conversation = waiting.get(ThreadLocalRandom.current().nextInt(waiting.size()));
        String channel;
        String skills;
        try (PreparedStatement claim = CLAIM.prepare(connection, conversation); ResultSet row = claim.executeQuery()) {
            if (!row.next()) {
                return false;
            }
            channel = row.getString(3);
            skills = row.getString(4);
        }
        int candidates = 0;
        try (PreparedStatement ranked = CANDIDATES.prepare(connection, channel, skills, AgentSelection.CANDIDATES_SHOWN);
             ResultSet rows = ranked.executeQuery()) {
            while (rows.next()) {
                candidates++;
            }
        }
        if (candidates == AgentSelection.CANDIDATES_SHOWN) {
            try (PreparedStatement count = QUALIFIED_COUNT.prepare(connection, channel, skills,
                    AgentSelection.QUALIFIED_COUNTED_UP_TO); ResultSet rows = count.executeQuery()) {
                rows.next();
            }
        }
        return candidates > 0;
    }

    /** RoutingEngine.pullNext's query: the most urgent conversation the agent qualifies for, claimed. */
    private static boolean pull(Connection connection, List<UUID> agents) throws SQLException {
        UUID agent = agents.get(ThreadLocalRandom.current().nextInt(agents.size()));
        try (PreparedStatement claim = CLAIM_MOST_URGENT_FOR.prepare(connection, agent);
             ResultSet row = claim.executeQuery()) {
            return row.next();
        }
    }

    /** SlaClockScheduler.fireBatch's claim: the clocks due now, a batch at most, locked. */
    private boolean slaPass(Connection connection) throws SQLException {
        int claimed = 0;
        try (PreparedStatement due = DUE_CLOCKS.prepare(connection, OffsetDateTime.now(ZoneOffset.UTC), SLA_BATCH);
             ResultSet rows = due.executeQuery()) {
            while (rows.next()) {
                claimed++;
            }
        }
        return claimed > 0;
    }

    private void measure(String name, int workers, Operation operation) throws Exception {
        List<LatencySamples> samples = new ArrayList<>();
        LongAdder found = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long warmupEnds = System.nanoTime() + settings.warmup().toNanos();
        long ends = warmupEnds + settings.duration().toNanos();
        for (int w = 0; w < workers; w++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            Thread thread = new Thread(() -> {
                try (Connection connection = database.connect()) {
                    connection.setAutoCommit(false);
                    for (long now = System.nanoTime(); now < ends; now = System.nanoTime()) {
                        boolean didFind = operation.runOn(connection);
                        connection.rollback();
                        if (now >= warmupEnds) {
                            mine.add(System.nanoTime() - now);
                            if (didFind) {
                                found.increment();
                            }
                        }
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        LatencySamples all = new LatencySamples();
        samples.forEach(all::addAll);
        System.out.printf(Locale.ROOT, "[figures] %s, %d worker(s), %d s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms"
                        + " (%.0f per s; %d found something)%n", name, workers, settings.duration().toSeconds(),
                all.count(), all.percentileMillis(50), all.percentileMillis(99), all.maxMillis(),
                all.count() / (double) settings.duration().toSeconds(), found.sum());
    }

    private void recreateDatabase() throws SQLException {
        String name = settings.jdbcUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        String admin = settings.jdbcUrl().replaceAll("/[^/?]+(\\?.*)?$", "/postgres$1");
        try (Connection connection = new BenchDatabase(admin, settings.user(), settings.password()).connect();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            statement.execute("CREATE DATABASE \"" + name + "\"");
        }
        System.out.println("[bench] recreated database " + name);
    }

    private void seed(String resource) throws SQLException, IOException {
        String script;
        try (InputStream in = RoutingBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = database.connect()) {
            for (String[] setting : new String[][]{{"bench.agents", Integer.toString(settings.agents())},
                    {"bench.queued", Integer.toString(settings.queued())}, {"bench.clocks", Integer.toString(settings.clocks())}}) {
                try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
                    set.setString(1, setting[0]);
                    set.setString(2, setting[1]);
                    set.execute();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private List<UUID> ids(String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** The settings, as {@code --name=value} or {@code -Dbench.name=value}. */
    private record RoutingSettings(String jdbcUrl, String user, String password, Duration duration, Duration warmup,
                                   int agents, int queued, int clocks, int due) {

        static RoutingSettings from(String[] args) {
            Arguments arguments = Arguments.parse(args);
            RoutingSettings settings = new RoutingSettings(
                    arguments.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench_routing"),
                    arguments.text("db-user", "postgres"), arguments.text("db-password", "postgres"),
                    arguments.seconds("duration", 20), arguments.seconds("warmup", 3),
                    arguments.number("agents", 10_000), arguments.number("queued", 100_000),
                    arguments.number("clocks", 1_000_000), arguments.number("due", 5_000));
            arguments.rejectUnknown();
            return settings;
        }
    }
}
