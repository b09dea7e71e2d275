package io.continuum.bench;

import io.continuum.firstcontact.Intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ways of turning labelled sentence embeddings into intent scores that the evaluation
 * compares before the product keeps one: nearest neighbours, per-intent nearest examples,
 * centroids and a logistic head. Each maps a unit vector to one score per intent.
 */
final class ClassifierMethods {

    interface Scorer {
        float[] scores(float[] vector);
    }

    record Candidate(String name, Scorer scorer) {
    }

    private static final int INTENTS = Intent.values().length;

    private ClassifierMethods() {
    }

    static List<Candidate> candidates(List<float[]> vectors, List<Intent> labels) {
        List<Candidate> candidates = new ArrayList<>();
        for (int k : new int[] {1, 5, 10, 20}) {
            candidates.add(new Candidate("knn k=" + k + " similarity-weighted", nearestNeighbours(vectors, labels, k)));
        }
        for (int m : new int[] {1, 3, 5}) {
            candidates.add(new Candidate("per-intent mean of top " + m, perIntentTop(vectors, labels, m)));
        }
        candidates.add(new Candidate("centroid", centroid(vectors, labels)));
        candidates.add(new Candidate("logistic head", logistic(vectors, labels)));
        return candidates;
    }

    static Scorer nearestNeighbours(List<float[]> vectors, List<Intent> labels, int k) {
        return vector -> {
            float[] similarities = similarities(vectors, vector);
            int[] top = topIndices(similarities, k);
            float[] votes = new float[INTENTS];
            for (int index : top) {
                votes[labels.get(index).ordinal()] += similarities[index];
            }
            return votes;
        };
    }

    static Scorer perIntentTop(List<float[]> vectors, List<Intent> labels, int m) {
        return vector -> {
            float[] similarities = similarities(vectors, vector);
            float[][] best = new float[INTENTS][m];
            for (float[] row : best) {
                Arrays.fill(row, -1f);
            }
            for (int i = 0; i < similarities.length; i++) {
                float[] row = best[labels.get(i).ordinal()];
                int lowest = 0;
                for (int j = 1; j < m; j++) {
                    if (row[j] < row[lowest]) {
                        lowest = j;
                    }
                }
                if (similarities[i] > row[lowest]) {
                    row[lowest] = similarities[i];
                }
            }
            float[] scores = new float[INTENTS];
            for (int c = 0; c < INTENTS; c++) {
                float sum = 0;
                for (float s : best[c]) {
                    sum += s;
                }
                scores[c] = sum / m;
            }
            return scores;
        };
    }

    static Scorer centroid(List<float[]> vectors, List<Intent> labels) {
        float[][] centroids = new float[INTENTS][vectors.get(0).length];
        for (int i = 0; i < vectors.size(); i++) {
            float[] c = centroids[labels.get(i).ordinal()];
            float[] v = vectors.get(i);
            for (int d = 0; d < v.length; d++) {
                c[d] += v[d];
            }
        }
        for (float[] c : centroids) {
            double norm = 0;
            for (float x : c) {
                norm += x * x;
            }
            for (int d = 0; d < c.length; d++) {
                c[d] /= (float) Math.max(Math.sqrt(norm), 1e-9);
            }
        }
        return vector -> {
            float[] scores = new float[INTENTS];
            for (int c = 0; c < INTENTS; c++) {
                scores[c] = dot(centroids[c], vector);
            }
            return scores;
        };
    }

    /** Multinomial logistic regression, full-batch gradient descent with L2, class-balanced weights. */
    static Scorer logistic(List<float[]> vectors, List<Intent> labels) {
        int dims = vectors.get(0).length;
        float[][] weights = new float[INTENTS][dims + 1];
        int[] counts = new int[INTENTS];
        labels.forEach(label -> counts[label.ordinal()]++);
        double rate = 2.0;
        double l2 = 1e-4;
        for (int epoch = 0; epoch < 300; epoch++) {
            double[][] gradient = new double[INTENTS][dims + 1];
            for (int i = 0; i < vectors.size(); i++) {
                float[] v = vectors.get(i);
                double[] p = softmax(linear(weights, v));
                int y = labels.get(i).ordinal();
                double balance = (double) vectors.size() / (INTENTS * Math.max(counts[y], 1));
                for (int c = 0; c < INTENTS; c++) {
                    double error = (p[c] - (c == y ? 1 : 0)) * balance;
                    for (int d = 0; d < dims; d++) {
                        gradient[c][d] += error * v[d];
                    }
                    gradient[c][dims] += error;
                }
            }
            for (int c = 0; c < INTENTS; c++) {
                for (int d = 0; d <= dims; d++) {
                    weights[c][d] -= (float) (rate * (gradient[c][d] / vectors.size() + l2 * weights[c][d]));
                }
            }
        }
        return vector -> {
            double[] logits = linear(weights, vector);
            float[] scores = new float[INTENTS];
            for (int c = 0; c < INTENTS; c++) {
                scores[c] = (float) logits[c];
            }
            return scores;
        };
    }

    private static double[] linear(float[][] weights, float[] v) {
        double[] logits = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            double sum = weights[c][v.length];
            for (int d = 0; d < v.length; d++) {
                sum += weights[c][d] * v[d];
            }
            logits[c] = sum;
        }
        return logits;
    }

    static double[] softmax(double[] logits) {
        double max = Arrays.stream(logits).max().orElse(0);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static float[] similarities(List<float[]> vectors, float[] vector) {
        float[] similarities = new float[vectors.size()];
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = dot(vectors.get(i), vector);
        }
        return similarities;
    }

    private static int[] topIndices(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] top = new int[n];
        Arrays.fill(top, -1);
        for (int i = 0; i < values.length; i++) {
            for (int slot = 0; slot < n; slot++) {
                if (top[slot] < 0 || values[i] > values[top[slot]]) {
                    System.arraycopy(top, slot, top, slot + 1, n - slot - 1);
                    top[slot] = i;
                    break;
                }
            }
        }
        return top;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
