package io.continuum.connectors.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTest {

    /** Published in twilio-java's RequestValidatorTest; copied into the shared fixtures, not computed by us. */
    private static JsonNode publishedVector() throws IOException {
        return new ObjectMapper().readTree(Path.of("../../shared/fixtures/channels/signature-test-vectors.json").toFile())
                .path("twilio_x_twilio_signature_form");
    }

    private static TwilioForm form(JsonNode vector) {
        Map<String, String> fields = new LinkedHashMap<>();
        vector.path("params").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return new TwilioForm(fields);
    }

    @Test
    void acceptsThePublishedVectorAndItsPortVariants() throws IOException {
        JsonNode vector = publishedVector();
        String token = vector.path("auth_token").asText();
        String url = vector.path("url").asText();

        assertThat(TwilioSignature.matches(token, url, form(vector), vector.path("expected_signature").asText())).isTrue();
        // Twilio signs with or without the default port; both are the same request
        assertThat(TwilioSignature.matches(token, url, form(vector),
                vector.path("port_variants").path("https_with_explicit_port_443").asText())).isTrue();
    }

    @Test
    void refusesAnotherTokenUrlParameterOrAMissingHeader() throws IOException {
        JsonNode vector = publishedVector();
        String token = vector.path("auth_token").asText();
        String url = vector.path("url").asText();
        String signature = vector.path("expected_signature").asText();
        Map<String, String> tampered = new LinkedHashMap<>(form(vector).fields());
        tampered.put("Digits", "1235");

        assertThat(TwilioSignature.matches("54321", url, form(vector), signature)).isFalse();
        assertThat(TwilioSignature.matches(token, url.replace("foo=1", "foo=2"), form(vector), signature)).isFalse();
        assertThat(TwilioSignature.matches(token, url, new TwilioForm(tampered), signature)).isFalse();
        assertThat(TwilioSignature.matches(token, url, form(vector), null)).isFalse();
        assertThat(TwilioSignature.matches(null, url, form(vector), signature)).isFalse();
        assertThat(TwilioSignature.matches(token, null, form(vector), signature)).isFalse();
    }

    @Test
    void formIsDecodedAsTwilioSendsItAndEncodedBackTheSame() {
        byte[] body = "Body=twilio-go+testing%21&From=%2B19253920364&NumMedia=0".getBytes(StandardCharsets.UTF_8);
        TwilioForm form = TwilioForm.parse(body);

        assertThat(form.get("Body")).isEqualTo("twilio-go testing!");
        assertThat(form.get("From")).isEqualTo("+19253920364");
        assertThat(TwilioForm.parse(form.encoded())).isEqualTo(form);
    }
}
