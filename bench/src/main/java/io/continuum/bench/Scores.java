package io.continuum.bench;

import io.continuum.firstcontact.Intent;

import java.util.List;

/** Accuracy, macro-F1 and calibration of intent scores against the true intents. */
final class Scores {

    private Scores() {
    }

    static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    static String summary(String name, List<float[]> scores, List<Intent> truth) {
        int n = Intent.values().length;
        int[][] confusion = new int[n][n];
        for (int i = 0; i < scores.size(); i++) {
            confusion[truth.get(i).ordinal()][argmax(scores.get(i))]++;
        }
        return String.format("%-40s accuracy=%.3f macroF1=%.3f", name, accuracy(confusion), macroF1(confusion));
    }

    static double accuracy(int[][] confusion) {
        long right = 0;
        long all = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                all += confusion[t][p];
                right += t == p ? confusion[t][p] : 0;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    static double precision(int[][] confusion, int c) {
        long predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    static double recall(int[][] confusion, int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    static double f1(int[][] confusion, int c) {
        double p = precision(confusion, c);
        double r = recall(confusion, c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean F1 over the intents that occur in the data (a set without some intent does not score it). */
    static double macroF1(int[][] confusion) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < confusion.length; c++) {
            if (recallBase(confusion, c) > 0) {
                sum += f1(confusion, c);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    private static long recallBase(int[][] confusion, int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual;
    }
}
