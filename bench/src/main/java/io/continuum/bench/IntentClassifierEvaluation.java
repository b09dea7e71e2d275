package io.continuum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.firstcontact.ClassificationFacts;
import io.continuum.firstcontact.CsvTable;
import io.continuum.firstcontact.Entities;
import io.continuum.firstcontact.FallbackPolicy;
import io.continuum.firstcontact.HumanRequest;
import io.continuum.firstcontact.Intent;
import io.continuum.firstcontact.IntentClassifier;
import io.continuum.firstcontact.IntentPrediction;
import io.continuum.firstcontact.LanguageDetection;
import io.continuum.firstcontact.LabelledExample;
import io.continuum.firstcontact.RiskSignals;
import io.continuum.firstcontact.Sentiment;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.platform.SentenceEmbeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How well the first-contact classifier names intents and catches P0s, measured on the shared
 * labelled data ({@code data/intents/*.csv}): a deterministic stratified half becomes examples,
 * the other half is classified. Every choice (method, temperature, confidence discount, P0
 * threshold) is made on a validation split of the example half; the held half is only ever
 * measured. A second set, business-to-business messages written for this benchmark
 * ({@code b2b-messages.csv}, with the customer's tier), is measured the same way.
 *
 * <p>Each message goes through what triage does before routing: the classifier, the risk signals,
 * the {@code classification-fallbacks} rules and the {@code severity} table (both compiled from the
 * repository's files by {@link PolicyCompiler}, without the decision log).
 *
 * <pre>
 *   java … io.continuum.bench.IntentClassifierEvaluation ../shared/data/intents [decision-tables/severity.dmn] [rules/classification-fallbacks.drl]
 * </pre>
 */
public final class IntentClassifierEvaluation {

    private static final String BUILTIN_EXAMPLES = "firstcontact/builtin-examples.csv";
    private static final String B2B_MESSAGES = "b2b-messages.csv";
    private static final String LANGUAGE_MESSAGES = "language-messages.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message to classify with the tier of the customer who sent it. */
    private record Case(LabelledExample message, String tier) {
    }

    /** The figures of one classifier on one set of messages. */
    private record Figures(String run, String set, int messages, double accuracy, double macroF1, double[] f1,
                           double p0Recall, double p0Precision, double ece, double unsure, double p50, double p99,
                           String reliability) {
    }

    private IntentClassifierEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException(
                    "Usage: IntentClassifierEvaluation <data/intents folder> [severity.dmn] [classification-fallbacks.drl]");
        }
        PolicyCompiler compiler = new PolicyCompiler(JSON);
        CompiledPolicy severity = compiler.compile(SeverityPolicy.NAME, PolicyKind.DMN,
                Files.readString(Path.of(args.length > 1 ? args[1] : "decision-tables/severity.dmn"))).policy().orElseThrow();
        CompiledPolicy fallbacks = compiler.compile(FallbackPolicy.NAME, PolicyKind.DRL,
                Files.readString(Path.of(args.length > 2 ? args[2] : "rules/classification-fallbacks.drl"))).policy().orElseThrow();
        IntentDataset all = IntentDataset.read(Path.of(args[0]));
        IntentDataset.Split halves = all.split("held-half:", 2);
        List<LabelledExample> builtin = labelled(BUILTIN_EXAMPLES).stream().map(Case::message).toList();
        List<Case> heldOut = halves.held().rows().stream().map(row -> new Case(row, SeverityPolicy.DEFAULT_TIER)).toList();
        List<Case> b2b = labelled(B2B_MESSAGES);
        SentenceEmbeddings embeddings = new SentenceEmbeddings();
        System.out.printf("[dataset] %d distinct messages: %d examples, %d held out; held out per intent: %s; b2b messages: %d%n",
                all.rows().size(), halves.examples().rows().size(), halves.held().rows().size(), perIntent(halves.held()),
                b2b.size());

        chooseOnValidation(embeddings, halves.examples().split("validation:", 5), builtin);

        IntentClassifier outOfTheBox = new IntentClassifier(embeddings);
        outOfTheBox.add(builtin);
        IntentClassifier trained = new IntentClassifier(embeddings);
        trained.add(builtin);
        trained.add(halves.examples().rows());
        String outOfTheBoxName = "out of the box (" + outOfTheBox.size() + " built-in examples)";
        String trainedName = "trained (built-in + " + halves.examples().rows().size() + " dataset examples)";
        List<Figures> figures = List.of(
                report(outOfTheBoxName, "held-out", embeddings, outOfTheBox, heldOut, severity, fallbacks),
                report(trainedName, "held-out", embeddings, trained, heldOut, severity, fallbacks),
                report(outOfTheBoxName, "b2b", embeddings, outOfTheBox, b2b, severity, fallbacks),
                report(trainedName, "b2b", embeddings, trained, b2b, severity, fallbacks));
        sideBySide(figures);
        languages();
        boundedCost(outOfTheBox);
    }

    /**
     * Language detection on {@code language-messages.csv} (sentences and two-word thanks in each served
     * language): accuracy over all messages (an undetected one counts as wrong), how many were left
     * undetected, and the cost per message.
     */
    private static void languages() {
        LanguageDetection detection = new LanguageDetection();
        CsvTable table;
        try (InputStream in = IntentClassifierEvaluation.class.getClassLoader().getResourceAsStream(LANGUAGE_MESSAGES)) {
            table = CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int text = table.column("text").orElseThrow();
        int language = table.column("language").orElseThrow();
        table.rows().forEach(row -> detection.of(row.field(text)));
        int right = 0;
        int undetected = 0;
        LatencySamples took = new LatencySamples();
        for (CsvTable.Row row : table.rows()) {
            long started = System.nanoTime();
            var detected = detection.of(row.field(text));
            took.add(System.nanoTime() - started);
            right += detected.filter(row.field(language)::equals).isPresent() ? 1 : 0;
            undetected += detected.isEmpty() ? 1 : 0;
        }
        System.out.printf("[figures] language detection: messages=%d accuracy=%.3f undetected=%d latency p50=%.2f ms p99=%.2f ms%n",
                table.rows().size(), (double) right / table.rows().size(), undetected, took.percentileMillis(50),
                took.percentileMillis(99));
    }

    /**
     * Method comparison, softmax temperature, the confidence discount and the P0 threshold, all on
     * the validation split only.
     */
    private static void chooseOnValidation(SentenceEmbeddings embeddings, IntentDataset.Split validation,
                                           List<LabelledExample> builtin) {
        List<float[]> train = embeddings.embedAll(texts(validation.examples().rows()));
        List<float[]> held = embeddings.embedAll(texts(validation.held().rows()));
        List<Intent> labels = validation.examples().rows().stream().map(LabelledExample::intent).toList();
        List<Intent> truth = validation.held().rows().stream().map(LabelledExample::intent).toList();
        System.out.printf("[validation] %d examples, %d held out (both from the example half)%n", train.size(), held.size());
        for (ClassifierMethods.Candidate candidate : ClassifierMethods.candidates(train, labels)) {
            List<float[]> scores = held.stream().map(candidate.scorer()::scores).toList();
            System.out.println("[validation] method " + Scores.summary(candidate.name(), scores, truth));
        }
        List<float[]> kept = held.stream().map(ClassifierMethods.perIntentTop(train, labels, 3)::scores).toList();
        double bestTemperature = 0;
        double bestLoss = Double.MAX_VALUE;
        for (double temperature = 0.005; temperature <= 0.2; temperature += 0.005) {
            double loss = 0;
            for (int i = 0; i < kept.size(); i++) {
                loss -= Math.log(Math.max(probabilities(kept.get(i), temperature)[truth.get(i).ordinal()], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestTemperature = temperature;
            }
        }
        System.out.printf("[validation] softmax temperature with the least negative log-likelihood: %.3f (mean NLL %.3f)%n",
                bestTemperature, bestLoss / kept.size());

        fitConfidenceDiscount(embeddings, builtin, held, truth, bestTemperature);

        IntentClassifier classifier = new IntentClassifier(embeddings);
        classifier.add(validation.examples().rows());
        List<IntentPrediction> predictions = validation.held().rows().stream().map(row -> classifier.classify(row.text())).toList();
        for (double threshold : new double[] {0.1, 0.2, 0.25, 0.3, 0.4, 0.5}) {
            int p0 = 0;
            int caught = 0;
            int raised = 0;
            for (int i = 0; i < predictions.size(); i++) {
                LabelledExample row = validation.held().rows().get(i);
                RiskSignals words = RiskSignals.in(row.text());
                boolean flagged = words.money() || words.security() || predictions.get(i).p0Likelihood() >= threshold;
                p0 += row.p0() ? 1 : 0;
                caught += row.p0() && flagged ? 1 : 0;
                raised += flagged ? 1 : 0;
            }
            System.out.printf("[validation] P0 threshold %.2f: recall %.3f precision %.3f%n", threshold,
                    (double) caught / p0, raised == 0 ? 0 : (double) caught / raised);
        }
    }

    /**
     * The discount of {@link IntentClassifier#calibrated}: with the built-in examples alone (most
     * validation messages are unlike all of them, which is what the discount is for), the midpoint
     * and width of the logistic with the least negative log-likelihood of the intent being right.
     */
    private static void fitConfidenceDiscount(SentenceEmbeddings embeddings, List<LabelledExample> builtin,
                                              List<float[]> held, List<Intent> truth, double temperature) {
        List<float[]> vectors = embeddings.embedAll(texts(builtin));
        ClassifierMethods.Scorer scorer = ClassifierMethods.perIntentTop(vectors,
                builtin.stream().map(LabelledExample::intent).toList(), 3);
        int n = held.size();
        double[] probability = new double[n];
        double[] support = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] scores = scorer.scores(held.get(i));
            int best = Scores.argmax(scores);
            probability[i] = probabilities(scores, temperature)[best];
            support[i] = scores[best];
            right[i] = best == truth.get(i).ordinal();
        }
        double bestMidpoint = 0;
        double bestWidth = 0;
        double bestLoss = Double.MAX_VALUE;
        for (double midpoint = 0.0; midpoint <= 0.80; midpoint += 0.01) {
            for (double width = 0.01; width <= 0.20; width += 0.01) {
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double closeness = 1 / (1 + Math.exp(-(support[i] - midpoint) / width));
                    double confidence = Math.min(0.99, Math.max(probability[i] * closeness, 1e-6));
                    loss -= Math.log(right[i] ? confidence : 1 - confidence);
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestMidpoint = midpoint;
                    bestWidth = width;
                }
            }
        }
        System.out.printf("[validation] confidence discount (built-in examples only): midpoint %.2f width %.2f"
                + " (mean NLL %.3f)%n", bestMidpoint, bestWidth, bestLoss / n);
    }

    /**
     * The latency of one classification is timed in its two parts as well: the ONNX embedding of the
     * message, and the comparison with every example, so a slow p99 shows which of them to work on.
     */
    private static Figures report(String run, String set, SentenceEmbeddings embeddings, IntentClassifier classifier,
                                  List<Case> cases, CompiledPolicy severity, CompiledPolicy fallbacks) {
        int n = Intent.values().length;
        int[][] confusion = new int[n][n];
        LatencySamples latency = new LatencySamples();
        LatencySamples embedding = new LatencySamples();
        LatencySamples comparison = new LatencySamples();
        Reliability reliability = new Reliability(10);
        int p0 = 0;
        int p0Caught = 0;
        int p0Raised = 0;
        int unsure = 0;
        for (int round = 0; round < 2; round++) {
            boolean measured = round == 1;
            // the first round only warms up the JIT and the ONNX session; the second is counted
            List<Case> rows = measured ? cases : cases.subList(0, Math.min(500, cases.size()));
            for (Case row : rows) {
                String text = row.message().text();
                long started = System.nanoTime();
                float[] meaning = embeddings.embed(text);
                long embedded = System.nanoTime();
                IntentPrediction prediction = classifier.classify(meaning);
                long compared = System.nanoTime();
                if (!measured) {
                    continue;
                }
                latency.add(compared - started);
                embedding.add(embedded - started);
                comparison.add(compared - embedded);
                confusion[row.message().intent().ordinal()][prediction.intent().ordinal()]++;
                reliability.add(prediction.confidence(), prediction.intent() == row.message().intent());
                RiskSignals signals = RiskSignals.of(text, prediction);
                ClassificationFacts facts = facts(text, prediction, signals);
                String intent = FallbackPolicy.verdict(facts, fallbacks.evaluate(Map.of("classifications",
                        List.of(JSON.convertValue(facts, Map.class)))).outputs()).intent();
                unsure += "unknown".equals(intent) ? 1 : 0;
                SeverityPolicy.Inputs inputs = new SeverityPolicy.Inputs(intent, signals, row.tier(), Sentiment.of(text));
                boolean isP0 = "P0".equals(SeverityPolicy.level(severity.evaluate(DecisionChain.plain(inputs.context())).outputs()));
                p0 += row.message().p0() ? 1 : 0;
                p0Caught += row.message().p0() && isP0 ? 1 : 0;
                p0Raised += isP0 ? 1 : 0;
            }
        }
        double[] f1 = new double[n];
        for (Intent intent : Intent.values()) {
            f1[intent.ordinal()] = Scores.f1(confusion, intent.ordinal());
        }
        Figures figures = new Figures(run, set, latency.count(), Scores.accuracy(confusion), Scores.macroF1(confusion), f1,
                p0 == 0 ? 0 : (double) p0Caught / p0, p0Raised == 0 ? 0 : (double) p0Caught / p0Raised,
                reliability.expectedCalibrationError(), (double) unsure / latency.count(),
                latency.percentileMillis(50), latency.percentileMillis(99), reliability.bins());
        System.out.printf("[figures] %s on %s: messages=%d accuracy=%.3f macroF1=%.3f p0Recall=%.3f (%d/%d) p0Precision=%.3f"
                        + " noiseF1=%.3f ECE=%.3f unsure=%.3f latency p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                run, set, latency.count(), figures.accuracy(), figures.macroF1(), figures.p0Recall(), p0Caught, p0,
                figures.p0Precision(), f1[Intent.NOISE_LOW_INTENT.ordinal()], figures.ece(), figures.unsure(),
                figures.p50(), figures.p99(), latency.maxMillis());
        System.out.printf("[figures] %s on %s: latency parts: embedding p50=%.2f ms p99=%.2f ms, comparison with the"
                        + " %d examples p50=%.2f ms p99=%.2f ms%n", run, set, embedding.percentileMillis(50),
                embedding.percentileMillis(99), classifier.size(), comparison.percentileMillis(50),
                comparison.percentileMillis(99));
        for (Intent intent : Intent.values()) {
            System.out.printf("[figures] %s on %s: %-27s precision=%.3f recall=%.3f F1=%.3f messages=%d%n", run, set,
                    intent.wireName(), Scores.precision(confusion, intent.ordinal()),
                    Scores.recall(confusion, intent.ordinal()), f1[intent.ordinal()],
                    Arrays.stream(confusion[intent.ordinal()]).sum());
        }
        System.out.printf("[figures] %s on %s: reliability (confidence bin: mean confidence / accuracy / messages) %s%n",
                run, set, figures.reliability());
        return figures;
    }

    /** The facts the fallback rules judge, as triage builds them. */
    private static ClassificationFacts facts(String text, IntentPrediction prediction, RiskSignals signals) {
        ClassificationFacts facts = new ClassificationFacts();
        facts.setConversationId("bench");
        facts.setText(text);
        facts.setIntent(prediction.intent().wireName());
        facts.setConfidence(prediction.confidence());
        facts.setMoneySignal(signals.money());
        facts.setSecuritySignal(signals.security());
        facts.setLegalSignal(signals.legal());
        facts.setOutageSignal(signals.outage());
        return facts;
    }

    private static void sideBySide(List<Figures> figures) {
        System.out.println("[table] | run | set | macro-F1 | " + String.join(" | ",
                Arrays.stream(Intent.values()).map(intent -> "F1 " + intent.wireName()).toList())
                + " | P0 recall | P0 precision | ECE | unsure | p50 ms | p99 ms |");
        for (Figures f : figures) {
            List<String> perIntent = Arrays.stream(f.f1()).mapToObj(value -> String.format("%.3f", value)).toList();
            System.out.printf("[table] | %s | %s | %.3f | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n", f.run(), f.set(),
                    f.macroF1(), String.join(" | ", perIntent), f.p0Recall(), f.p0Precision(), f.ece(), f.unsure(),
                    f.p50(), f.p99());
        }
    }

    /**
     * What one very long message costs to read (classifier, sentiment, entities, risk signals, a
     * request for a person): a run of letters and digits without spaces, the worst case for the
     * tokenizer and the patterns.
     */
    private static void boundedCost(IntentClassifier classifier) {
        Random random = new Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int length : new int[] {2_000, 20_000, 65_536}) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String message = text.toString();
            LatencySamples took = new LatencySamples();
            for (int run = 0; run < 5; run++) {
                long started = System.nanoTime();
                classifier.classify(message);
                Sentiment.of(message);
                Entities.in(message);
                RiskSignals.in(message);
                HumanRequest.in(message);
                took.add(System.nanoTime() - started);
            }
            System.out.printf("[figures] one message of %d characters without spaces: model input %d characters,"
                    + " read in p50=%.1f ms max=%.1f ms (5 runs)%n", length,
                    SentenceEmbeddings.modelInput(message).length(), took.percentileMillis(50), took.maxMillis());
        }
    }

    private static double[] probabilities(float[] scores, double temperature) {
        double[] logits = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            logits[i] = scores[i] / temperature;
        }
        return ClassifierMethods.softmax(logits);
    }

    private static List<String> texts(List<LabelledExample> examples) {
        return examples.stream().map(LabelledExample::text).toList();
    }

    private static String perIntent(IntentDataset dataset) {
        List<String> counts = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            counts.add(intent.wireName() + "=" + dataset.count(intent));
        }
        return String.join(" ", counts);
    }

    /** A CSV resource with columns text, intent, p0 and, when present, tier. */
    private static List<Case> labelled(String resource) {
        try (InputStream in = IntentClassifierEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            CsvTable table = CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            int text = table.column("text").orElseThrow();
            int intent = table.column("intent").orElseThrow();
            int p0 = table.column("p0").orElseThrow();
            var tier = table.column("tier");
            return table.rows().stream().map(row -> new Case(new LabelledExample(row.field(text),
                    Intent.ofWireName(row.field(intent)).orElseThrow(), Boolean.parseBoolean(row.field(p0))),
                    tier.map(row::field).orElse(SeverityPolicy.DEFAULT_TIER))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
