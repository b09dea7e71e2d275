package io.continuum.knowledge;

import io.continuum.platform.SentenceEmbeddings;

import java.util.Random;

/**
 * A few orthonormal directions that a sample of vectors mostly lies along (the top right-singular vectors of the
 * sample, found by subspace iteration on its Gram matrix). Sentence embeddings are far from spread evenly over
 * their dimensions: on the shared intent data 64 of the 384 directions hold 70 % of a vector's squared length.
 * A vector projected on them plus the length of what the projection leaves out bounds its dot product with any other
 * vector ({@link #bound}), which lets a scan skip the vectors that cannot come close enough without reading them
 * whole. Any orthonormal directions give a true bound; well-fitted ones give a tight one.
 */
final class PrincipalDirections {

    private static final int ITERATIONS = 12;

    private final int count;
    private final int dimensions;
    /** {@code count} rows of {@code dimensions}, each of unit length and orthogonal to the others. */
    private final float[] rows;

    private PrincipalDirections(int count, int dimensions, float[] rows) {
        this.count = count;
        this.dimensions = dimensions;
        this.rows = rows;
    }

    int count() {
        return count;
    }

    /**
     * Fits {@code count} directions to the {@code sampleSize} vectors laid out one after the other in {@code vectors}
     * from {@code firstVector} on.
     */
    static PrincipalDirections fit(float[] vectors, int firstVector, int sampleSize, int dimensions, int count) {
        if (count < 1 || count > dimensions) {
            throw new IllegalArgumentException("Between 1 and " + dimensions + " directions, not " + count);
        }
        double[][] gram = new double[dimensions][dimensions];
        for (int v = firstVector; v < firstVector + sampleSize; v++) {
            int offset = v * dimensions;
            for (int i = 0; i < dimensions; i++) {
                double xi = vectors[offset + i];
                if (xi != 0) {
                    for (int j = i; j < dimensions; j++) {
                        gram[i][j] += xi * vectors[offset + j];
                    }
                }
            }
        }
        for (int i = 0; i < dimensions; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
        // a fixed seed: two nodes holding the same cases fit the same directions
        Random random = new Random(dimensions * 31L + count);
        double[][] basis = new double[count][dimensions];
        for (double[] column : basis) {
            for (int i = 0; i < dimensions; i++) {
                column[i] = random.nextGaussian();
            }
        }
        orthonormalise(basis, random);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] next = new double[count][dimensions];
            for (int c = 0; c < count; c++) {
                for (int i = 0; i < dimensions; i++) {
                    double sum = 0;
                    double[] row = gram[i];
                    for (int j = 0; j < dimensions; j++) {
                        sum += row[j] * basis[c][j];
                    }
                    next[c][i] = sum;
                }
            }
            orthonormalise(next, random);
            basis = next;
        }
        float[] rows = new float[count * dimensions];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < dimensions; i++) {
                rows[c * dimensions + i] = (float) basis[c][i];
            }
        }
        return new PrincipalDirections(count, dimensions, rows);
    }

    /**
     * Writes the vector at {@code offset} in {@code source} projected on the directions into {@code projections} from
     * {@code projectionOffset} on, and returns the length of what the projection leaves out.
     */
    double project(float[] source, int offset, float[] projections, int projectionOffset) {
        double squaredLength = 0;
        for (int i = 0; i < dimensions; i++) {
            squaredLength += (double) source[offset + i] * source[offset + i];
        }
        double projectedSquaredLength = 0;
        for (int c = 0; c < count; c++) {
            double component = 0;
            int row = c * dimensions;
            for (int i = 0; i < dimensions; i++) {
                component += (double) rows[row + i] * source[offset + i];
            }
            projections[projectionOffset + c] = (float) component;
            projectedSquaredLength += component * component;
        }
        return Math.sqrt(Math.max(0, squaredLength - projectedSquaredLength));
    }

    /**
     * At least the dot product of two vectors, from their projections and leftover lengths: the projected parts give
     * their own dot product, and the parts left out, orthogonal to the directions, at most the product of their lengths.
     */
    static double bound(float[] projection, double leftover, float[] projections, int projectionOffset, float otherLeftover) {
        return SentenceEmbeddings.dot(projection, projections, projectionOffset) + leftover * otherLeftover;
    }

    /** Modified Gram-Schmidt; a row that comes out (nearly) zero is replaced by a random one, so there are always {@code count}. */
    private static void orthonormalise(double[][] basis, Random random) {
        for (int c = 0; c < basis.length; c++) {
            double[] row = basis[c];
            for (int attempt = 0; ; attempt++) {
                for (int earlier = 0; earlier < c; earlier++) {
                    double along = 0;
                    for (int i = 0; i < row.length; i++) {
                        along += row[i] * basis[earlier][i];
                    }
                    for (int i = 0; i < row.length; i++) {
                        row[i] -= along * basis[earlier][i];
                    }
                }
                double length = 0;
                for (double x : row) {
                    length += x * x;
                }
                length = Math.sqrt(length);
                if (length > 1e-9 || attempt == 3) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] /= Math.max(length, 1e-300);
                    }
                    break;
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian();
                }
            }
        }
    }
}
