package io.continuum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.firstcontact.CsvTable;
import io.continuum.firstcontact.Intent;
import io.continuum.firstcontact.IntentClassifier;
import io.continuum.firstcontact.IntentPrediction;
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
import java.util.List;

/**
 * How well the first-contact classifier names intents and catches P0s, measured on the shared
 * labelled data ({@code data/intents/*.csv}): a deterministic stratified half becomes examples,
 * the other half is classified. Every choice (method, temperature, P0 threshold) is made on a
 * validation split of the example half; the held half is only ever measured.
 *
 * <pre>
 *   java … io.continuum.bench.IntentClassifierEvaluation ../shared/data/intents [decision-tables/severity.dmn]
 * </pre>
 */
public final class IntentClassifierEvaluation {

    private static final String BUILTIN_EXAMPLES = "firstcontact/builtin-examples.csv";

    private IntentClassifierEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("Usage: IntentClassifierEvaluation <data/intents folder> [severity.dmn]");
        }
        Path severitySource = Path.of(args.length > 1 ? args[1] : "decision-tables/severity.dmn");
        CompiledPolicy severity = new PolicyCompiler(new ObjectMapper())
                .compile("severity", PolicyKind.DMN, Files.readString(severitySource)).policy().orElseThrow();
        IntentDataset all = IntentDataset.read(Path.of(args[0]));
        IntentDataset.Split halves = all.split("held-half:", 2);
        SentenceEmbeddings embeddings = new SentenceEmbeddings();
        System.out.printf("[dataset] %d distinct messages: %d examples, %d held out; held out per intent: %s%n",
                all.rows().size(), halves.examples().rows().size(), halves.held().rows().size(), perIntent(halves.held()));

        chooseOnValidation(embeddings, halves.examples().split("validation:", 5));

        IntentClassifier withDataset = new IntentClassifier(embeddings);
        withDataset.add(halves.examples().rows());
        report("dataset examples + nothing else", withDataset, halves.held(), severity);

        IntentClassifier outOfTheBox = new IntentClassifier(embeddings);
        outOfTheBox.add(builtinExamples());
        report("built-in examples only (" + outOfTheBox.size() + ")", outOfTheBox, halves.held(), severity);
    }

    /** Method comparison, softmax temperature and P0 threshold, all on the validation split only. */
    private static void chooseOnValidation(SentenceEmbeddings embeddings, IntentDataset.Split validation) {
        List<float[]> train = embeddings.embedAll(texts(validation.examples()));
        List<float[]> held = embeddings.embedAll(texts(validation.held()));
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

        IntentClassifier classifier = new IntentClassifier(embeddings);
        classifier.add(validation.examples().rows());
        List<IntentPrediction> predictions = validation.held().rows().stream().map(row -> classifier.classify(row.text())).toList();
        for (double threshold : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
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
            System.out.printf("[validation] P0 threshold %.1f: recall %.3f precision %.3f%n", threshold,
                    (double) caught / p0, raised == 0 ? 0 : (double) caught / raised);
        }
    }

    private static void report(String run, IntentClassifier classifier, IntentDataset held, CompiledPolicy severity) {
        int n = Intent.values().length;
        int[][] confusion = new int[n][n];
        LatencySamples latency = new LatencySamples();
        Reliability reliability = new Reliability(10);
        int p0 = 0;
        int p0Caught = 0;
        int p0Raised = 0;
        for (int round = 0; round < 2; round++) {
            boolean measured = round == 1;
            // the first round only warms up the JIT and the ONNX session; the second is counted
            List<LabelledExample> rows = measured ? held.rows() : held.rows().subList(0, Math.min(500, held.rows().size()));
            for (LabelledExample row : rows) {
                long started = System.nanoTime();
                IntentPrediction prediction = classifier.classify(row.text());
                long took = System.nanoTime() - started;
                if (!measured) {
                    continue;
                }
                latency.add(took);
                confusion[row.intent().ordinal()][prediction.intent().ordinal()]++;
                reliability.add(prediction.confidence(), prediction.intent() == row.intent());
                SeverityPolicy.Inputs inputs = new SeverityPolicy.Inputs(prediction.intent().wireName(),
                        RiskSignals.of(row.text(), prediction), SeverityPolicy.DEFAULT_TIER, Sentiment.of(row.text()));
                String level = SeverityPolicy.level(severity.evaluate(inputs.context()).outputs());
                boolean isP0 = "P0".equals(level);
                p0 += row.p0() ? 1 : 0;
                p0Caught += row.p0() && isP0 ? 1 : 0;
                p0Raised += isP0 ? 1 : 0;
            }
        }
        System.out.printf("[figures] %s: messages=%d accuracy=%.3f macroF1=%.3f p0Recall=%.3f (%d/%d) p0Precision=%.3f"
                        + " latency p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                run, latency.count(), Scores.accuracy(confusion), Scores.macroF1(confusion),
                p0 == 0 ? 0 : (double) p0Caught / p0, p0Caught, p0, p0Raised == 0 ? 0 : (double) p0Caught / p0Raised,
                latency.percentileMillis(50), latency.percentileMillis(99), latency.maxMillis());
        for (Intent intent : Intent.values()) {
            System.out.printf("[figures] %s: %-27s precision=%.3f recall=%.3f held=%d%n", run, intent.wireName(),
                    Scores.precision(confusion, intent.ordinal()), Scores.recall(confusion, intent.ordinal()),
                    held.count(intent));
        }
        System.out.printf("[figures] %s: reliability ECE=%.3f (confidence bin: mean confidence / accuracy / messages) %s%n",
                run, reliability.expectedCalibrationError(), reliability.bins());
    }

    private static double[] probabilities(float[] scores, double temperature) {
        double[] logits = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            logits[i] = scores[i] / temperature;
        }
        return ClassifierMethods.softmax(logits);
    }

    private static List<String> texts(IntentDataset dataset) {
        return dataset.rows().stream().map(LabelledExample::text).toList();
    }

    private static String perIntent(IntentDataset dataset) {
        List<String> counts = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            counts.add(intent.wireName() + "=" + dataset.count(intent));
        }
        return String.join(" ", counts);
    }

    private static List<LabelledExample> builtinExamples() {
        try (InputStream in = IntentClassifier.class.getClassLoader().getResourceAsStream(BUILTIN_EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(BUILTIN_EXAMPLES + " is not on the classpath");
            }
            CsvTable table = CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            int text = table.column("text").orElseThrow();
            int intent = table.column("intent").orElseThrow();
            int p0 = table.column("p0").orElseThrow();
            return table.rows().stream().map(row -> new LabelledExample(row.field(text),
                    Intent.ofWireName(row.field(intent)).orElseThrow(), Boolean.parseBoolean(row.field(p0)))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
