package io.continuum.firstcontact;

import io.continuum.platform.AdvisoryLocks;
import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The labelled examples the classifier learns from, and the classifier of this node. The
 * product's own examples (firstcontact/builtin-examples.csv) become example-set version 1 at
 * first start; each import adds one version. Every node keeps the examples' embeddings in
 * memory and catches up with versions stored by other nodes every two seconds, embedding only
 * the new examples.
 */
@ApplicationScoped
@Startup
public class IntentExamples {

    private static final Logger LOG = Logger.getLogger(IntentExamples.class);
    static final String BUILTIN_EXAMPLES = "firstcontact/builtin-examples.csv";
    private static final String LOCK = "intent-examples";

    private final AdvisoryLocks locks;
    private final Clock clock;
    private final IntentClassifier classifier;
    private final LearningReport learning;
    /** The newest example-set version in the classifier; guarded by {@code this}. */
    private int loadedVersion;

    IntentExamples(AdvisoryLocks locks, Clock clock, SentenceEmbeddings embeddings, LearningReport learning) {
        this.classifier = new IntentClassifier(embeddings);
        this.learning = learning;
        this.locks = locks;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        QuarkusTransaction.requiringNew().run(this::storeBuiltinOnce);
        catchUp();
        LOG.infof("Intent classifier ready with %d examples (example set version %d)", classifier.size(), loadedVersion);
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    public synchronized int version() {
        return loadedVersion;
    }

    /** Stores the examples as the next example-set version and adds them to this node's classifier. */
    public int add(List<LabelledExample> examples, ExampleSource source, String createdBy) {
        int version = QuarkusTransaction.requiringNew().call(() -> {
            // one version per import, also when two nodes import at the same moment
            locks.lock(LOCK);
            int next = storedVersion() + 1;
            persist(examples, source, createdBy, next);
            return next;
        });
        catchUp();
        return version;
    }

    /**
     * Embeds whatever this or another node stored since the last look, one version after the other, and
     * has the learning report evaluate each version no node evaluated yet.
     */
    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void catchUp() {
        List<IntentExample> newer = QuarkusTransaction.requiringNew().call(() -> IntentExample.<IntentExample>list(
                "exampleSetVersion > ?1 order by exampleSetVersion, createdAt, id", loadedVersion));
        if (newer.isEmpty()) {
            return;
        }
        Set<Integer> evaluated = learning.evaluatedVersions();
        Map<Integer, List<LabelledExample>> byVersion = new TreeMap<>();
        newer.forEach(example -> byVersion.computeIfAbsent(example.exampleSetVersion, v -> new ArrayList<>())
                .add(example.labelled()));
        byVersion.forEach((version, examples) -> {
            classifier.add(examples);
            loadedVersion = version;
            if (!evaluated.contains(version)) {
                learning.evaluate(version, classifier);
            }
        });
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
        persist(missing, ExampleSource.BUILTIN, "builtin", storedVersion() + 1);
        LOG.infof("Stored %d built-in intent examples from %s", missing.size(), BUILTIN_EXAMPLES);
    }

    private static int storedVersion() {
        Integer max = IntentExample.getEntityManager()
                .createQuery("select max(e.exampleSetVersion) from IntentExample e", Integer.class).getSingleResult();
        return max == null ? 0 : max;
    }

    private void persist(List<LabelledExample> examples, ExampleSource source, String createdBy, int version) {
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
            stored.persist();
        }
    }
}
