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

    public static final int DIMENSIONS = 384;

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    /**
     * The meaning of a text; a text with nothing to read (empty, blanks, only zero-width or format
     * characters) means nothing: the zero vector, similar to nothing, so classification falls back.
     */
    public float[] embed(String text) {
        if (!hasReadableCharacter(text)) {
            return new float[DIMENSIONS];
        }
        return unitLength(model.embed(text).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        if (!texts.stream().allMatch(SentenceEmbeddings::hasReadableCharacter)) {
            return texts.stream().map(this::embed).toList();
        }
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> unitLength(embedding.vector())).toList();
    }

    private static boolean hasReadableCharacter(String text) {
        return text != null && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT);
    }

    public static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
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
