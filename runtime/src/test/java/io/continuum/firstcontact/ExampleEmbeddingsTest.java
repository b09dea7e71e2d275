package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every example is embedded once and its vector kept with it, so a start or a rebuild does not run the model again. */
@QuarkusTest
class ExampleEmbeddingsTest {

    @Inject
    EntityManager entityManager;

    @Inject
    SentenceEmbeddings embeddings;

    private long withoutVectorOfThisModel() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM intent_example WHERE embedding IS NULL OR embedding_model <> ?1""")
                .setParameter(1, SentenceEmbeddings.MODEL).getSingleResult()).longValue());
    }

    private List<IntentExample> builtIn(int count) {
        return QuarkusTransaction.requiringNew().call(() -> IntentExample.<IntentExample>find("source = 'builtin' order by text")
                .page(0, count).list());
    }

    private void assertStoredVectorIsTheModels(IntentExample example) {
        float[] stored = example.embeddingBy(SentenceEmbeddings.MODEL).orElseThrow();
        assertThat(SentenceEmbeddings.dot(stored, embeddings.embed(example.text))).as(example.text).isGreaterThan(0.9999f);
    }

    @Test
    void everyStoredExampleKeepsTheVectorTheModelMakesOfIt() {
        await().atMost(Duration.ofSeconds(30)).until(() -> withoutVectorOfThisModel() == 0);
        builtIn(5).forEach(this::assertStoredVectorIsTheModels);

        as("analyst").body(List.of(Map.of("text", "the zorblat export froze halfway through the upload", "intent", "bug_technical_defect")))
                .when().post("/api/v1/ai/examples").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> withoutVectorOfThisModel() == 0);
        IntentExample added = QuarkusTransaction.requiringNew().call(() -> IntentExample.<IntentExample>find("text",
                "the zorblat export froze halfway through the upload").firstResult());
        assertStoredVectorIsTheModels(added);
    }

    @Test
    void aVectorAnotherModelMadeIsNotReadButMadeAgainAtTheNextRebuild() {
        List<UUID> ids = builtIn(3).stream().map(example -> example.id).toList();
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> entityManager.createNativeQuery("""
                        UPDATE intent_example SET embedding = ?1, embedding_model = 'some-other-model' WHERE id = ?2""")
                .setParameter(1, SentenceEmbeddings.toBytes(new float[SentenceEmbeddings.DIMENSIONS]))
                .setParameter(2, id).executeUpdate()));
        IntentExample changed = QuarkusTransaction.requiringNew().call(() -> IntentExample.<IntentExample>findById(ids.get(0)));
        assertThat(changed.embeddingBy(SentenceEmbeddings.MODEL)).isEmpty();

        // a revert makes every node rebuild its classifier from the examples that remain
        int added = as("analyst").body(List.of(Map.of("text", "the glimmerfax invoice tab shows nothing at all", "intent", "bug_technical_defect")))
                .when().post("/api/v1/ai/examples").then().statusCode(201).extract().path("version");
        as("supervisor").when().post("/api/v1/ai/examples/versions/{v}/revert", added).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> withoutVectorOfThisModel() == 0);
        QuarkusTransaction.requiringNew().call(() -> IntentExample.<IntentExample>list("id in ?1", ids))
                .forEach(this::assertStoredVectorIsTheModels);
    }
}
