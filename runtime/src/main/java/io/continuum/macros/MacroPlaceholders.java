package io.continuum.macros;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a macro's placeholders stand for in one conversation; an unknown one renders empty. */
public record MacroPlaceholders(String customerName, String conversationId, String conversationToken, String queue,
                                String agentName) {

    /** The placeholders a macro may use, as the composer offers them. */
    public static final java.util.List<String> NAMES = java.util.List.of("customer.name", "customer.firstName",
            "conversation.id", "conversation.token", "conversation.queue", "agent.name");

    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer.name", customerName == null ? "" : customerName);
        values.put("customer.firstName", customerName == null ? "" : customerName.strip().split("\\s+")[0]);
        values.put("conversation.id", conversationId);
        values.put("conversation.token", conversationToken);
        values.put("conversation.queue", queue == null ? "" : queue);
        values.put("agent.name", agentName);
        return values;
    }
}
