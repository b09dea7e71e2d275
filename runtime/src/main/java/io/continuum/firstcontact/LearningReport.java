package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an example-set version helped: the classifier with the examples up to each version
 * classifies the product's fixed validation messages ({@value #VALIDATION_MESSAGES}, written for
 * this and in neither the built-in examples nor any import), and the accuracy and macro-F1 are
 * kept per version, so an analyst sees what their labels changed. A version is evaluated once, by
 * the first node that loads it; the messages are embedded once per node, when first needed.
 */
@ApplicationScoped
public class LearningReport {

    static final String VALIDATION_MESSAGES = "firstcontact/validation-messages.csv";

    /**
     * One version's line of the report; {@code accuracyChange} compares with the version before (null for the first);
     * {@code examplesAdded} is negative for a version that took examples back (source "revert of version N", "erasure").
     */
    public record VersionFigures(int version, String source, String createdBy, Instant createdAt, long examplesAdded,
                                 int examples, int validationMessages, double accuracy, double macroF1,
                                 Double accuracyChange) {
    }

    private final SentenceEmbeddings embeddings;
    private final EntityManager entityManager;
    private final Clock clock;
    /** The validation messages' intents and embeddings; null until first needed, guarded by {@code this}. */
    private Validation validation;

    private record Validation(List<Intent> intents, List<float[]> vectors) {
    }

    LearningReport(SentenceEmbeddings embeddings, EntityManager entityManager, Clock clock) {
        this.embeddings = embeddings;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The versions already evaluated. */
    Set<Integer> evaluatedVersions() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<Integer> versions = new HashSet<>();
            for (Object version : entityManager.createNativeQuery("select example_set_version from example_set_evaluation")
                    .getResultList()) {
                versions.add(((Number) version).intValue());
            }
            return versions;
        });
    }

    /** Evaluates {@code classifier}, which holds the examples up to {@code version}, and keeps the figures once. */
    void evaluate(int version, IntentClassifier classifier) {
        Validation messages = validation();
        int intents = Intent.values().length;
        int[][] confusion = new int[intents][intents];
        for (int i = 0; i < messages.vectors().size(); i++) {
            confusion[messages.intents().get(i).ordinal()][classifier.classify(messages.vectors().get(i)).intent().ordinal()]++;
        }
        int correct = 0;
        for (int c = 0; c < intents; c++) {
            correct += confusion[c][c];
        }
        int right = correct;
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into example_set_evaluation
                            (example_set_version, examples, validation_messages, correct, macro_f1, evaluated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (example_set_version) do nothing""")
                .setParameter(1, version).setParameter(2, classifier.size()).setParameter(3, messages.vectors().size())
                .setParameter(4, right).setParameter(5, macroF1(confusion))
                .setParameter(6, Timestamp.from(clock.instant())).executeUpdate());
    }

    /** Every evaluated version, oldest first, with where its examples came from. */
    public List<VersionFigures> versions() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Integer, Object[]> origins = new HashMap<>();
            for (Object[] origin : entityManager.createQuery("""
                            select e.exampleSetVersion, min(e.source), min(e.createdBy), min(e.createdAt), count(e)
                            from IntentExample e group by e.exampleSetVersion""", Object[].class).getResultList()) {
                origins.put((Integer) origin[0], origin);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> retirements = entityManager.createNativeQuery("""
                    select example_set_version, reason, created_by, created_at, examples, reverted_version
                    from example_set_retirement""").getResultList();
            for (Object[] retirement : retirements) {
                String source = retirement[5] == null ? (String) retirement[1]
                        : retirement[1] + " of version " + ((Number) retirement[5]).intValue();
                origins.put(((Number) retirement[0]).intValue(), new Object[] {retirement[0], source, retirement[2],
                        instant(retirement[3]), -((Number) retirement[4]).longValue()});
            }
            @SuppressWarnings("unchecked")
            List<Object[]> evaluations = entityManager.createNativeQuery("""
                    select example_set_version, examples, validation_messages, correct, macro_f1
                    from example_set_evaluation order by example_set_version""").getResultList();
            Double previous = null;
            List<VersionFigures> report = new ArrayList<>();
            for (Object[] evaluation : evaluations) {
                int version = ((Number) evaluation[0]).intValue();
                int validationMessages = ((Number) evaluation[2]).intValue();
                double accuracy = validationMessages == 0 ? 0 : ((Number) evaluation[3]).doubleValue() / validationMessages;
                Object[] origin = origins.getOrDefault(version, new Object[] {version, null, null, null, 0L});
                report.add(new VersionFigures(version, (String) origin[1], (String) origin[2], (Instant) origin[3],
                        ((Number) origin[4]).longValue(), ((Number) evaluation[1]).intValue(), validationMessages,
                        accuracy, ((Number) evaluation[4]).doubleValue(), previous == null ? null : accuracy - previous));
                previous = accuracy;
            }
            return report;
        });
    }

    private static Instant instant(Object column) {
        return column instanceof Timestamp timestamp ? timestamp.toInstant()
                : column instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) column;
    }

    private synchronized Validation validation() {
        if (validation == null) {
            List<LabelledExample> messages = ExampleImport.fromResource(VALIDATION_MESSAGES);
            validation = new Validation(messages.stream().map(LabelledExample::intent).toList(),
                    embeddings.embedAll(messages.stream().map(LabelledExample::text).toList()));
        }
        return validation;
    }

    private static double macroF1(int[][] confusion) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < confusion.length; c++) {
            int predicted = 0;
            int actual = 0;
            for (int other = 0; other < confusion.length; other++) {
                predicted += confusion[other][c];
                actual += confusion[c][other];
            }
            if (actual == 0) {
                continue;
            }
            present++;
            double precision = predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
            double recall = (double) confusion[c][c] / actual;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return present == 0 ? 0 : sum / present;
    }
}
