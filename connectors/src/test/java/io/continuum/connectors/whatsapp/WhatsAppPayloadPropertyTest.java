package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.MalformedPayload;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Any webhook batch of any message types and shapes: each item becomes a message with text, a status,
 * an ignored event or a rejected item kept raw, and a bad item never takes the others with it. Only a
 * body that is not a WhatsApp payload at all is refused as a whole.
 */
class WhatsAppPayloadPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Media comes from a Graph API that does not answer here: the file is pending, the message stays. */
    private final WhatsAppAdapter adapter = new WhatsAppAdapter(new WhatsAppGraphClient(new Unreachable(), JSON),
            new ChannelLimits(2048), JSON);

    @Property(tries = 300)
    void everyItemIsAccountedForAndNoneTakesTheOthersDown(@ForAll("messages") List<ObjectNode> messages,
                                                          @ForAll("statuses") List<ObjectNode> statuses) {
        ObjectNode payload = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = payload.putArray("entry").addObject().put("id", "1").putArray("changes").addObject()
                .put("field", "messages").putObject("value");
        ArrayNode messageList = value.putArray("messages");
        messages.forEach(messageList::add);
        ArrayNode statusList = value.putArray("statuses");
        statuses.forEach(statusList::add);

        InboundBatch batch = adapter.normalise(payload);

        assertThat(batch.messages().size() + batch.ignored().size() + batch.statuses().size() + batch.rejected().size())
                .isEqualTo(messages.size() + statuses.size());
        batch.messages().forEach(message -> {
            assertThat(message.message().content()).isNotNull();
            assertThat(message.message().from().phone()).startsWith("+");
            assertThat(message.raw()).isNotNull();
        });
        batch.rejected().forEach(rejected -> assertThat(rejected.raw().bytes()).isNotEmpty());
    }

    @Property(tries = 100)
    void aBodyThatIsNoWhatsAppPayloadIsRefusedAsAWhole(@ForAll("notPayloads") ObjectNode body) {
        assertThatThrownBy(() -> adapter.normalise(body)).isInstanceOf(MalformedPayload.class);
    }

    @Provide
    Arbitrary<List<ObjectNode>> messages() {
        Arbitrary<String> types = Arbitraries.of("text", "image", "sticker", "interactive", "button", "location", "contacts",
                "order", "reaction", "system", "unsupported", "", "never-heard-of");
        Arbitrary<String> maybe = Arbitraries.strings().ofMaxLength(12).injectNull(0.3);
        return Combinators.combine(types, maybe, maybe, maybe).as((type, id, from, text) -> {
            ObjectNode message = JSON.createObjectNode().put("type", type);
            if (id != null) {
                message.put("id", "wamid." + id);
            }
            if (from != null) {
                message.put("from", from);
            }
            ObjectNode body = message.putObject(type.isEmpty() ? "x" : type);
            if (text != null) {
                body.put("body", text).put("id", text).put("title", text).put("emoji", text).put("text", text);
            }
            if ("interactive".equals(type)) {
                body.put("type", "button_reply").putObject("button_reply").put("title", String.valueOf(text));
            }
            return message;
        }).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<ObjectNode>> statuses() {
        Arbitrary<String> values = Arbitraries.of("sent", "delivered", "read", "failed", "deleted", "warning", "", "SENT");
        return Combinators.combine(values, Arbitraries.strings().alpha().ofMaxLength(8).injectNull(0.2),
                        Arbitraries.of("1749416400", "soon", "").injectNull(0.3))
                .as((status, id, timestamp) -> {
                    ObjectNode node = JSON.createObjectNode().put("status", status);
                    if (id != null) {
                        node.put("id", id);
                    }
                    if (timestamp != null) {
                        node.put("timestamp", timestamp);
                    }
                    return node;
                }).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<ObjectNode> notPayloads() {
        return Arbitraries.of("page", "instagram", "", "whatsapp").map(object -> JSON.createObjectNode().put("object", object));
    }

    private static final class Unreachable implements WhatsAppConfig {
        @Override
        public Optional<String> appSecret() {
            return Optional.empty();
        }

        @Override
        public Optional<String> verifyToken() {
            return Optional.empty();
        }

        @Override
        public Optional<String> accessToken() {
            return Optional.of("token");
        }

        @Override
        public String apiBaseUrl() {
            return "http://127.0.0.1:9";
        }

        @Override
        public String apiVersion() {
            return "v21.0";
        }

        @Override
        public Optional<String> phoneNumberId() {
            return Optional.empty();
        }

        @Override
        public Optional<String> reengagementTemplate() {
            return Optional.empty();
        }

        @Override
        public String templateLanguage() {
            return "en_US";
        }
    }
}
