package io.continuum.platform;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized), run by ONNX Runtime on the CPU from the
 * model inside the jar: no network, no GPU. Vectors are unit length, so a dot product is the
 * cosine similarity. Thread-safe: the ONNX session and the tokenizer may be shared, and are: one
 * model per application serves the intent classifier, semantic knowledge search and similar cases.
 */
@Singleton
public final class SentenceEmbeddings {

    /** Which model made a stored vector: vectors of different models are not comparable. */
    public static final String MODEL = "all-MiniLM-L6-v2-q";
    public static final int DIMENSIONS = 384;
    /**
     * At most this many characters of a text reach the model. The model reads its first 256 word
     * pieces and the library embeds a longer text piece by piece and averages, so an unbounded
     * text costs time in proportion to its length (a 65,536-character message took 32 s) for no
     * better meaning; a support message says what it is about in its first lines.
     */
    public static final int MAX_MODEL_INPUT = 1_000;
    /**
     * A "word" longer than this (a pasted token, a base64 blob, a run without spaces) is cut: the
     * tokenizer splits such a run into one piece per few characters, which says nothing.
     */
    public static final int MAX_WORD = 40;

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    /**
     * The meaning of a text; a text with nothing to read (empty, blanks, only zero-width or format
     * characters) means nothing: the zero vector, similar to nothing, so classification falls back.
     */
    public float[] embed(String text) {
        if (!hasReadableCharacter(text)) {
            return new float[DIMENSIONS];
        }
        return unitLength(model.embed(modelInput(text)).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        if (!texts.stream().allMatch(SentenceEmbeddings::hasReadableCharacter)) {
            return texts.stream().map(this::embed).toList();
        }
        return model.embedAll(texts.stream().map(text -> TextSegment.from(modelInput(text))).toList()).content().stream()
                .map(embedding -> unitLength(embedding.vector())).toList();
    }

    /**
     * What the model reads of a text: its words separated by single spaces, each word cut to
     * {@value #MAX_WORD} characters, at most {@value #MAX_MODEL_INPUT} characters in all. One pass
     * over at most the characters kept, so its cost is bounded whatever the text's length.
     */
    public static String modelInput(String text) {
        StringBuilder input = new StringBuilder(Math.min(text.length(), MAX_MODEL_INPUT));
        int wordLength = 0;
        for (int i = 0; i < text.length() && input.length() < MAX_MODEL_INPUT; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (wordLength > 0) {
                    input.append(' ');
                }
                wordLength = 0;
            } else if (wordLength < MAX_WORD) {
                input.append(c);
                wordLength++;
            }
        }
        if (!input.isEmpty() && Character.isHighSurrogate(input.charAt(input.length() - 1))) {
            input.setLength(input.length() - 1);
        }
        return input.toString().strip();
    }

    private static boolean hasReadableCharacter(String text) {
        return text != null && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT);
    }

    public static float dot(float[] a, float[] b) {
        return dot(a, b, 0);
    }

    /**
     * The dot product of {@code a} with the vector of {@code a}'s length that starts at {@code offset} in {@code b}
     * (one of many laid out one after the other). Four running sums, so the additions do not wait on each other
     * (the JIT keeps a single float sum in order).
     */
    public static float dot(float[] a, float[] b, int offset) {
        float sum0 = 0;
        float sum1 = 0;
        float sum2 = 0;
        float sum3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            sum0 += a[i] * b[offset + i];
            sum1 += a[i + 1] * b[offset + i + 1];
            sum2 += a[i + 2] * b[offset + i + 2];
            sum3 += a[i + 3] * b[offset + i + 3];
        }
        for (; i < a.length; i++) {
            sum0 += a[i] * b[offset + i];
        }
        return sum0 + sum1 + sum2 + sum3;
    }

    /** A vector as stored in the database: {@value #DIMENSIONS} little-endian float32. */
    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static float[] unitLength(float[] vector) {
        float norm = (float) Math.sqrt(dot(vector, vector));
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= norm;
            }
        }
        return vector;
    }
}
