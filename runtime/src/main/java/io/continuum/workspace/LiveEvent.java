package io.continuum.workspace;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the workspace pushes to open pages when something changed: which thing, never what anyone wrote (pages
 * fetch what they show through the API, with the reader's roles). Travels between nodes, hence plain values.
 *
 * @param type the domain event's topic ("message.received", "conversation.assigned", "sla.warning" …) or "presence"
 * @param agentId set on an assignment: who got it
 * @param severity set on a classification: P0 asks for a browser notification
 * @param people on "presence": who has the conversation open now, and whether they are typing a reply
 */
public record LiveEvent(String type, UUID conversationId, UUID resolutionId, String agentId, String severity,
                        List<Viewer> people, Instant at) implements Serializable {

    public static final String PRESENCE = "presence";

    /** A person with the conversation open. */
    public record Viewer(String username, boolean typing) implements Serializable {
    }
}
