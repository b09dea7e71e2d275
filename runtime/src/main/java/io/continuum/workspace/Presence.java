package io.continuum.workspace;

import io.continuum.cluster.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who has a conversation open and who is typing a reply, so two people do not answer the same customer. Pages say
 * so every {@link #HEARTBEAT} while open; a person not heard from for {@link #PRESENT_FOR} has left (tab closed),
 * and typing lasts {@link #TYPING_FOR} after the last keystroke. Kept in a cache every node reads (one node alone:
 * the same cache, local); a change of who is there or who types is pushed to the open pages.
 */
@ApplicationScoped
public class Presence {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration PRESENT_FOR = Duration.ofSeconds(30);
    static final Duration TYPING_FOR = Duration.ofSeconds(6);
    private static final int MAX_TRIES = 10;

    /** When a person was last heard from on a conversation, and when they last typed (null: not typing). */
    record Seen(Instant at, Instant typedAt) implements Serializable {
    }

    private final Cache<String, HashMap<String, Seen>> byConversation;
    private final LiveUpdates live;
    private final Clock clock;

    Presence(Cluster cluster, LiveUpdates live, Clock clock) {
        this.byConversation = cluster.distributedCache("workspace-presence", PRESENT_FOR.multipliedBy(4), 100_000);
        this.live = live;
        this.clock = clock;
    }

    /** The person has the conversation open (and is typing, or not); returns who is there now. */
    public List<LiveEvent.Viewer> here(UUID conversationId, String username, boolean typing) {
        Instant now = clock.instant();
        return update(conversationId, now, people -> {
            Seen before = people.get(username);
            people.put(username, new Seen(now, typing ? now : before == null ? null : before.typedAt()));
        });
    }

    /** The person closed the conversation. */
    public void left(UUID conversationId, String username) {
        update(conversationId, clock.instant(), people -> people.remove(username));
    }

    private List<LiveEvent.Viewer> update(UUID conversationId, Instant now, java.util.function.Consumer<HashMap<String, Seen>> change) {
        String key = conversationId.toString();
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            HashMap<String, Seen> current = byConversation.get(key);
            HashMap<String, Seen> next = new HashMap<>(current == null ? Map.of() : current);
            next.values().removeIf(seen -> seen.at().plus(PRESENT_FOR).isBefore(now));
            change.accept(next);
            if (current == null && next.isEmpty()) {
                return List.of();
            }
            boolean written = current == null ? byConversation.putIfAbsent(key, next) == null
                    : byConversation.replace(key, current, next);
            if (written) {
                List<LiveEvent.Viewer> after = viewers(next, now);
                if (current == null || !viewers(current, now).equals(after)) {
                    live.pushEverywhere(new LiveEvent(LiveEvent.PRESENCE, conversationId, null, null, null, after, now));
                }
                return after;
            }
        }
        throw new IllegalStateException("Presence on conversation " + conversationId + " kept changing under us");
    }

    /** Who is there at {@code now}, by name, typing when they typed within {@link #TYPING_FOR}. */
    static List<LiveEvent.Viewer> viewers(Map<String, Seen> people, Instant now) {
        return people.entrySet().stream()
                .filter(entry -> !entry.getValue().at().plus(PRESENT_FOR).isBefore(now))
                .map(entry -> new LiveEvent.Viewer(entry.getKey(), entry.getValue().typedAt() != null
                        && !entry.getValue().typedAt().plus(TYPING_FOR).isBefore(now)))
                .sorted(Comparator.comparing(LiveEvent.Viewer::username))
                .toList();
    }
}
