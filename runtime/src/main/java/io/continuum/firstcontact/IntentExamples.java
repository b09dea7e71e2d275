package io.continuum.firstcontact;

import io.continuum.conversation.ConversationTimeline;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.platform.SentenceEmbeddings;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The labelled examples the classifier learns from, and the classifier of this node. The
 * product's own examples (firstcontact/builtin-examples.csv) become example-set version 1 at
 * first start; each import adds one version. Every node keeps the examples' embeddings in
 * memory and catches up with versions stored by other nodes every two seconds. An example is
 * embedded once: its vector is stored with it, so a start or a rebuild reads the vectors instead of
 * running the model over thousands of examples again.
 * <p>
 * Examples can be taken back, also as a new version: a revert retires the examples of a version
 * whose labels did not help, and erasing a customer deletes the examples made from their messages.
 * A node that sees such a version rebuilds its classifier from the examples that remain (in the
 * background of the two-second catch-up; the old classifier answers until the new one replaces it).
 */
@ApplicationScoped
@Startup
public class IntentExamples {

    private static final Logger LOG = Logger.getLogger(IntentExamples.class);
    static final String BUILTIN_EXAMPLES = "firstcontact/builtin-examples.csv";
    private static final String LOCK = "intent-examples";
    /** Vectors stored per statement (each about 3 KB as the statement's text). */
    private static final int STORE_BATCH = 1_000;
    private static final Duration FIRST_LOAD_RETRY = Duration.ofSeconds(5);

    private final AdvisoryLocks locks;
    private final Clock clock;
    private final SentenceEmbeddings embeddings;
    private final LearningReport learning;
    private final ConversationTimeline timeline;
    private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();
    /** Replaced as a whole when a version takes examples back; written under {@code this}. */
    private volatile IntentClassifier classifier;
    /** The newest example-set version in the classifier; guarded by {@code this}. */
    private int loadedVersion;

    IntentExamples(AdvisoryLocks locks, Clock clock, SentenceEmbeddings embeddings, LearningReport learning,
                   ConversationTimeline timeline) {
        this.timeline = timeline;
        this.embeddings = embeddings;
        this.classifier = new IntentClassifier(embeddings);
        this.learning = learning;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * The first load runs beside the start, not in it: reading thousands of vectors (embedding the built-in examples,
     * on a fresh database) would hold the node's readiness back, and messages are accepted without a classifier;
     * whatever needs it first waits for it.
     */
    @PostConstruct
    void start() {
        Thread load = new Thread(this::loadFirst, "intent-classifier-load");
        load.setDaemon(true);
        load.start();
    }

    /** Retried until it succeeds: without its classifier the node could not triage. */
    private void loadFirst() {
        for (int attempt = 1; !firstLoad.isDone(); attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(this::storeBuiltinOnce);
                catchUp();
                LOG.infof("Intent classifier ready with %d examples (example set version %d)", classifier.size(), loadedVersion);
                firstLoad.complete(null);
            } catch (RuntimeException e) {
                if (firstLoad.isCancelled()) {
                    return;
                }
                LOG.errorf(e, "Loading the intent classifier failed (attempt %d); trying again in %d s", attempt,
                        FIRST_LOAD_RETRY.toSeconds());
                LockSupport.parkNanos(FIRST_LOAD_RETRY.toNanos());
            }
        }
    }

    /** A load still running or retrying when the node stops gives up. */
    void onStop(@Observes ShutdownEvent stop) {
        firstLoad.cancel(false);
    }

    public IntentClassifier classifier() {
        firstLoad.join();
        return classifier;
    }

    public int version() {
        firstLoad.join();
        synchronized (this) {
            return loadedVersion;
        }
    }

    /** Stores the examples as the next example-set version and adds them to this node's classifier. */
    public int add(List<LabelledExample> examples, ExampleSource source, String createdBy) {
        return store(examples, null, source, createdBy);
    }

    /** Stores one example made from a customer's message, so that erasing the customer takes it back too. */
    public int addFromMessage(UUID messageId, LabelledExample example, ExampleSource source, String createdBy) {
        return store(List.of(example), messageId, source, createdBy);
    }

    private int store(List<LabelledExample> examples, UUID messageId, ExampleSource source, String createdBy) {
        // the built-in examples are version 1 of every database
        firstLoad.join();
        int version = QuarkusTransaction.requiringNew().call(() -> storeNextVersion(examples, messageId, source, createdBy));
        catchUp();
        return version;
    }

    /**
     * Stores the examples as the next example-set version in the caller's transaction, so that they count only if
     * what the caller does with them commits too; {@link #catchUp} loads them once it has.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int storeNextVersion(List<LabelledExample> examples, UUID messageId, ExampleSource source, String createdBy) {
        // one version per import, also when two nodes import at the same moment
        locks.lock(LOCK);
        int next = storedVersion() + 1;
        persist(examples, source, createdBy, next, messageId);
        return next;
    }

    /** A revert: the version that took {@code revertedVersion}'s examples back, and how many. */
    public record Reverted(int version, int revertedVersion, int examples) {
    }

    /**
     * Takes back the examples a version added, as the next example-set version; the messages its review labels were
     * made from can be labelled again. The product's built-in examples are not reverted: without them a new install
     * has nothing to classify with.
     */
    public Reverted revert(int version, String person) {
        firstLoad.join();
        Reverted reverted = QuarkusTransaction.requiringNew().call(() -> {
            locks.lock(LOCK);
            List<IntentExample> live = IntentExample.list("exampleSetVersion = ?1 and retiredInVersion is null", version);
            if (live.isEmpty()) {
                throw new ProblemException(Problem.of(409, "nothing-to-revert", "Nothing to revert",
                        "Example-set version " + version + " has no examples that still count"));
            }
            if (live.stream().anyMatch(example -> ExampleSource.BUILTIN.wireName().equals(example.source))) {
                throw new ProblemException(Problem.of(409, "builtin-examples", "Built-in examples stay",
                        "Version " + version + " holds the product's built-in examples; revert the versions added after it"));
            }
            int next = storedVersion() + 1;
            IntentExample.update("retiredInVersion = ?1 where exampleSetVersion = ?2 and retiredInVersion is null", next,
                    version);
            // a reverted label was taken back: its message returns to the unsure list, to be labelled again
            timeline.unmarkLabelled(live.stream().filter(example -> ExampleSource.REVIEW.wireName().equals(example.source))
                    .map(example -> example.messageId).filter(Objects::nonNull).toList());
            recordRetirement(next, "revert", version, live.size(), person);
            return new Reverted(next, version, live.size());
        });
        catchUp();
        LOG.infof("Example-set version %d reverted %d examples of version %d", reverted.version(), reverted.examples(),
                version);
        return reverted;
    }

    /**
     * Deletes the examples made from the messages of these conversations (an erased customer's), in the caller's
     * transaction, as a new example-set version when there were any; every node drops them within seconds.
     *
     * @return how many examples were deleted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetExamplesFrom(List<UUID> conversationIds) {
        List<UUID> messages = timeline.messageIdsOf(conversationIds);
        if (messages.isEmpty()) {
            return 0;
        }
        locks.lock(LOCK);
        int next = storedVersion() + 1;
        int deleted = (int) IntentExample.delete("messageId in ?1", messages);
        if (deleted > 0) {
            recordRetirement(next, "erasure", null, deleted, "erasure");
        }
        return deleted;
    }

    /**
     * Embeds whatever this or another node stored since the last look, one version after the other, and
     * has the learning report evaluate each version no node evaluated yet. After a version that took
     * examples back, the classifier is rebuilt from the examples that remain.
     */
    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void catchUp() {
        record Pending(int latest, boolean takenBack, List<IntentExample> examples) {
        }
        int loaded = loadedVersion;
        Pending pending = QuarkusTransaction.requiringNew().call(() -> {
            boolean takenBack = ((Number) IntentExample.getEntityManager().createNativeQuery(
                            "select count(*) from example_set_retirement where example_set_version > ?1")
                    .setParameter(1, loaded).getSingleResult()).longValue() > 0;
            List<IntentExample> examples = takenBack
                    ? IntentExample.list("retiredInVersion is null order by exampleSetVersion, createdAt, id")
                    : IntentExample.list("exampleSetVersion > ?1 order by exampleSetVersion, createdAt, id", loaded);
            return new Pending(storedVersion(), takenBack, examples);
        });
        if (pending.latest() <= loaded) {
            return;
        }
        Set<Integer> evaluated = learning.evaluatedVersions();
        if (pending.takenBack()) {
            IntentClassifier rebuilt = new IntentClassifier(embeddings);
            addEmbedded(rebuilt, pending.examples());
            classifier = rebuilt;
            loadedVersion = pending.latest();
            if (!evaluated.contains(loadedVersion)) {
                learning.evaluate(loadedVersion, rebuilt);
            }
            LOG.infof("Intent classifier rebuilt with %d examples (example set version %d)", rebuilt.size(), loadedVersion);
            return;
        }
        Map<Integer, List<IntentExample>> byVersion = new TreeMap<>();
        pending.examples().forEach(example -> byVersion.computeIfAbsent(example.exampleSetVersion, v -> new ArrayList<>())
                .add(example));
        byVersion.forEach((version, examples) -> {
            addEmbedded(classifier, examples);
            loadedVersion = version;
            if (!evaluated.contains(version)) {
                learning.evaluate(version, classifier);
            }
        });
    }

    /**
     * Adds the examples to the classifier with the embeddings stored with them; those without one by this node's
     * model (just stored, or embedded by another model) are embedded here, and their vectors stored for the next
     * start and the other nodes.
     */
    private void addEmbedded(IntentClassifier target, List<IntentExample> examples) {
        List<float[]> vectors = new ArrayList<>(examples.size());
        List<IntentExample> unembedded = new ArrayList<>();
        for (IntentExample example : examples) {
            Optional<float[]> stored = example.embeddingBy(SentenceEmbeddings.MODEL);
            vectors.add(stored.orElse(null));
            if (stored.isEmpty()) {
                unembedded.add(example);
            }
        }
        if (!unembedded.isEmpty()) {
            List<float[]> made = embeddings.embedAll(unembedded.stream().map(example -> example.text).toList());
            Iterator<float[]> next = made.iterator();
            vectors.replaceAll(vector -> vector != null ? vector : next.next());
            for (int from = 0; from < unembedded.size(); from += STORE_BATCH) {
                int to = Math.min(from + STORE_BATCH, unembedded.size());
                List<IntentExample> batch = unembedded.subList(from, to);
                List<float[]> batchVectors = made.subList(from, to);
                QuarkusTransaction.requiringNew().run(() -> storeEmbeddings(batch, batchVectors));
            }
        }
        target.add(examples.stream().map(IntentExample::labelled).toList(), vectors);
    }

    /** One statement per batch: an import of thousands of examples stores their vectors in a few statements of bounded size. */
    private static void storeEmbeddings(List<IntentExample> examples, List<float[]> vectors) {
        HexFormat hex = HexFormat.of();
        IntentExample.getEntityManager().createNativeQuery("""
                        UPDATE intent_example e SET embedding = decode(v.vector, 'hex'), embedding_model = ?3
                        FROM unnest(string_to_array(?1, ','), string_to_array(?2, ',')) AS v(id, vector)
                        WHERE e.id = v.id::uuid""")
                .setParameter(1, String.join(",", examples.stream().map(example -> example.id.toString()).toList()))
                .setParameter(2, String.join(",", vectors.stream().map(vector -> hex.formatHex(SentenceEmbeddings.toBytes(vector))).toList()))
                .setParameter(3, SentenceEmbeddings.MODEL)
                .executeUpdate();
    }

    /** The built-in examples of this release that are not stored yet become one new example-set version. */
    private void storeBuiltinOnce() {
        locks.lock(LOCK);
        java.util.Set<String> stored = new java.util.HashSet<>(IntentExample.getEntityManager()
                .createQuery("select e.text from IntentExample e where e.source = :source", String.class)
                .setParameter("source", ExampleSource.BUILTIN.wireName()).getResultList());
        List<LabelledExample> missing = ExampleImport.fromResource(BUILTIN_EXAMPLES).stream().filter(example -> !stored.contains(example.text())).toList();
        if (missing.isEmpty()) {
            return;
        }
        persist(missing, ExampleSource.BUILTIN, "builtin", storedVersion() + 1, null);
        LOG.infof("Stored %d built-in intent examples from %s", missing.size(), BUILTIN_EXAMPLES);
    }

    /** The newest example-set version stored: the newest examples', or the newest retirement's. */
    private static int storedVersion() {
        return ((Number) IntentExample.getEntityManager().createNativeQuery("""
                        select greatest((select max(example_set_version) from intent_example),
                                        (select max(example_set_version) from example_set_retirement), 0)""")
                .getSingleResult()).intValue();
    }

    private void recordRetirement(int version, String reason, Integer revertedVersion, int examples, String createdBy) {
        IntentExample.getEntityManager().createNativeQuery("""
                        insert into example_set_retirement
                            (example_set_version, reason, reverted_version, examples, created_at, created_by)
                        values (?1, ?2, cast(?3 as integer), ?4, ?5, ?6)""")
                .setParameter(1, version).setParameter(2, reason).setParameter(3, revertedVersion)
                .setParameter(4, examples).setParameter(5, Timestamp.from(clock.instant()))
                .setParameter(6, createdBy).executeUpdate();
    }

    private void persist(List<LabelledExample> examples, ExampleSource source, String createdBy, int version,
                         UUID messageId) {
        Instant now = clock.instant();
        for (LabelledExample example : examples) {
            IntentExample stored = new IntentExample();
            stored.id = UUID.randomUUID();
            stored.text = example.text();
            stored.intent = example.intent().wireName();
            stored.p0 = example.p0();
            stored.source = source.wireName();
            stored.exampleSetVersion = version;
            stored.createdAt = now;
            stored.createdBy = createdBy;
            stored.messageId = messageId;
            stored.persist();
        }
    }
}
