package io.continuum.connectors.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HubSignatureTest {

    /** Published by Meta's WhatsApp Node.js SDK; copied into the shared fixtures, not computed by us. */
    private static JsonNode publishedVector() throws IOException {
        return new ObjectMapper().readTree(Path.of("../../shared/fixtures/channels/signature-test-vectors.json").toFile())
                .path("meta_x_hub_signature_256");
    }

    @Test
    void acceptsThePublishedTestVector() throws IOException {
        JsonNode vector = publishedVector();
        byte[] body = vector.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + vector.path("expected_hex").asText();

        assertThat(HubSignature.sign(vector.path("secret").asText(), body)).isEqualTo(header);
        assertThat(HubSignature.matches(vector.path("secret").asText(), body, header)).isTrue();
    }

    @Test
    void refusesAnotherSecretAnotherBodyAndMalformedHeaders() throws IOException {
        JsonNode vector = publishedVector();
        byte[] body = vector.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + vector.path("expected_hex").asText();

        assertThat(HubSignature.matches("OTHER_SECRET", body, header)).isFalse();
        assertThat(HubSignature.matches(vector.path("secret").asText(), "test ".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(HubSignature.matches(vector.path("secret").asText(), body, null)).isFalse();
        assertThat(HubSignature.matches(vector.path("secret").asText(), body, "sha256=zz")).isFalse();
        assertThat(HubSignature.matches(vector.path("secret").asText(), body, vector.path("expected_hex").asText())).isFalse();
        assertThat(HubSignature.matches("", body, header)).isFalse();
    }
}
