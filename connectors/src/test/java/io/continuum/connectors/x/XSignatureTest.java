package io.continuum.connectors.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class XSignatureTest {

    /** Published in xdevplatform/autohook's signature test; copied into the shared fixtures, not computed by us. */
    private static JsonNode publishedVectors() throws IOException {
        return new ObjectMapper().readTree(Path.of("../../shared/fixtures/channels/signature-test-vectors.json").toFile())
                .path("x_twitter_webhooks_signature");
    }

    @Test
    void signsAndAcceptsThePublishedVectors() throws IOException {
        JsonNode vectors = publishedVectors();
        String secret = vectors.path("consumer_secret").asText();
        for (JsonNode vector : vectors.path("cases")) {
            byte[] body = vector.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(XSignature.sign(secret, body)).isEqualTo(vector.path("expected_header").asText());
            assertThat(XSignature.matches(secret, body, vector.path("expected_header").asText())).isTrue();
        }
    }

    @Test
    void refusesAnotherSecretAnotherBodyAndMissingOrBareHeaders() throws IOException {
        JsonNode vector = publishedVectors().path("cases").path(0);
        byte[] body = vector.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        String header = vector.path("expected_header").asText();

        assertThat(XSignature.matches("other", body, header)).isFalse();
        assertThat(XSignature.matches("test", "test=1&other_test=3".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(XSignature.matches("test", body, null)).isFalse();
        assertThat(XSignature.matches("test", body, header.substring("sha256=".length()))).isFalse();
        assertThat(XSignature.matches(null, body, header)).isFalse();
    }
}
