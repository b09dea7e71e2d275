package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a customer said, as text an agent reads, for every WhatsApp message type that is not a media
 * file: a tapped button or list row, a shared location or contact card, an order, a reaction. A type
 * this code does not know yet still becomes a message naming it, never silence.
 */
final class WhatsAppMessageText {

    private WhatsAppMessageText() {
    }

    static String of(String type, JsonNode message) {
        return switch (type) {
            case "text" -> message.path("text").path("body").asText("");
            case "interactive" -> interactive(message.path("interactive"));
            case "button" -> "[Tapped button] " + first(message.path("button"), "text", "payload");
            case "location" -> location(message.path("location"));
            case "contacts" -> contacts(message.path("contacts"));
            case "order" -> order(message.path("order"));
            case "reaction" -> reaction(message.path("reaction"));
            default -> "[A WhatsApp " + (type.isBlank() ? "message of no type" : type + " message")
                    + " that cannot be shown here" + errorTitle(message) + "]";
        };
    }

    private static String interactive(JsonNode interactive) {
        String kind = interactive.path("type").asText("");
        JsonNode reply = interactive.path(kind);
        return switch (kind) {
            case "button_reply" -> "[Chose] " + first(reply, "title", "id");
            case "list_reply" -> "[Chose from list] " + first(reply, "title", "id")
                    + (reply.hasNonNull("description") ? " (" + reply.path("description").asText() + ")" : "");
            case "nfm_reply" -> "[Completed a form] " + first(reply, "body", "name")
                    + (reply.hasNonNull("response_json") ? "\n" + reply.path("response_json").asText() : "");
            default -> "[Interactive reply] " + interactive;
        };
    }

    private static String location(JsonNode location) {
        List<String> parts = new ArrayList<>();
        parts.add("[Shared a location]");
        if (location.hasNonNull("name")) {
            parts.add(location.path("name").asText());
        }
        if (location.hasNonNull("address")) {
            parts.add(location.path("address").asText());
        }
        parts.add(location.path("latitude").asText("?") + ", " + location.path("longitude").asText("?"));
        if (location.hasNonNull("url")) {
            parts.add(location.path("url").asText());
        }
        return String.join("\n", parts);
    }

    private static String contacts(JsonNode contacts) {
        StringBuilder text = new StringBuilder("[Shared a contact card]");
        for (JsonNode contact : contacts) {
            text.append("\n").append(first(contact.path("name"), "formatted_name", "first_name"));
            contact.path("phones").forEach(phone -> text.append("\nphone: ").append(first(phone, "phone", "wa_id")));
            contact.path("emails").forEach(email -> text.append("\ne-mail: ").append(email.path("email").asText("")));
            if (contact.path("org").hasNonNull("company")) {
                text.append("\ncompany: ").append(contact.path("org").path("company").asText());
            }
        }
        return text.toString();
    }

    private static String order(JsonNode order) {
        StringBuilder text = new StringBuilder("[Placed an order]");
        if (order.hasNonNull("text")) {
            text.append(" ").append(order.path("text").asText());
        }
        for (JsonNode item : order.path("product_items")) {
            text.append("\n").append(item.path("quantity").asText("?")).append(" × ")
                    .append(item.path("product_retailer_id").asText("?"));
            if (item.hasNonNull("item_price")) {
                text.append(" at ").append(item.path("item_price").asText()).append(" ").append(item.path("currency").asText(""));
            }
        }
        return text.toString();
    }

    private static String reaction(JsonNode reaction) {
        String emoji = reaction.path("emoji").asText("");
        return emoji.isEmpty() ? "[Removed a reaction]" : "[Reacted " + emoji + " to a message]";
    }

    private static String errorTitle(JsonNode message) {
        String title = message.path("errors").path(0).path("title").asText("");
        return title.isEmpty() ? "" : ": " + title;
    }

    private static String first(JsonNode node, String field, String fallback) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? node.path(fallback).asText("") : value;
    }
}
