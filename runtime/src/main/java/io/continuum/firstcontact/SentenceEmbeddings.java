package io.continuum.firstcontact;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized), run by ONNX Runtime on the CPU from the
 * model inside the jar: no network, no GPU. Vectors are unit length, so a dot product is the
 * cosine similarity. Thread-safe: the ONNX session and the tokenizer may be shared.
 */
public final class SentenceEmbeddings {

    public static final int DIMENSIONS = 384;

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    public float[] embed(String text) {
        return unitLength(model.embed(text).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> unitLength(embedding.vector())).toList();
    }

    static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
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
