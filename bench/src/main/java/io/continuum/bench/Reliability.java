package io.continuum.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether confidences mean what they say: predictions are binned by confidence, and each bin's
 * mean confidence is set against how often its predictions were right. The expected calibration
 * error is the message-weighted mean gap (0 is perfect).
 */
final class Reliability {

    private final double[] confidenceSum;
    private final int[] right;
    private final int[] count;

    Reliability(int bins) {
        confidenceSum = new double[bins];
        right = new int[bins];
        count = new int[bins];
    }

    void add(double confidence, boolean correct) {
        int bin = Math.min((int) (confidence * count.length), count.length - 1);
        confidenceSum[bin] += confidence;
        right[bin] += correct ? 1 : 0;
        count[bin]++;
    }

    double expectedCalibrationError() {
        long total = 0;
        double gap = 0;
        for (int bin = 0; bin < count.length; bin++) {
            if (count[bin] > 0) {
                gap += Math.abs(confidenceSum[bin] / count[bin] - (double) right[bin] / count[bin]) * count[bin];
                total += count[bin];
            }
        }
        return total == 0 ? 0 : gap / total;
    }

    String bins() {
        List<String> shown = new ArrayList<>();
        for (int bin = 0; bin < count.length; bin++) {
            if (count[bin] > 0) {
                shown.add(String.format("%.1f-%.1f: %.2f/%.2f/%d", (double) bin / count.length, (double) (bin + 1) / count.length,
                        confidenceSum[bin] / count[bin], (double) right[bin] / count[bin], count[bin]));
            }
        }
        return String.join(", ", shown);
    }
}
