package io.continuum.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.cluster.Cluster;
import io.continuum.cluster.NodeTask;
import io.continuum.events.DomainEvent;
import io.continuum.events.Topics;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes what changed to the workspace pages open on any node, over server-sent events. Each domain event reaches
 * this observer once in the cluster (in process on the node whose relay delivered it; on Kafka, on the node of this
 * observer's consumer group that took it), which hands it to every node ({@link Cluster#callEveryNode}), and each
 * node writes it to the streams it holds. A push is a hint to refetch: a page that missed one (node down, stream
 * reconnecting) refetches everything when it reconnects, so nothing here is retried.
 */
@ApplicationScoped
public class LiveUpdates {

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);
    /** What changes a list, a conversation, the Resolutions board or the supervisors' notifications. */
    static final Set<String> PUSHED = Set.of(Topics.MESSAGE_RECEIVED, Topics.MESSAGE_SENT, Topics.MESSAGE_CLASSIFIED,
            Topics.CONVERSATION_CREATED, Topics.CONVERSATION_STATE_CHANGED, Topics.CONVERSATION_ASSIGNED,
            Topics.CONVERSATION_ESCALATED, Topics.SLA_WARNING, Topics.SLA_BREACHED, Topics.RESOLUTION_CREATED,
            Topics.RESOLUTION_STATUS_CHANGED, Topics.RESOLUTION_COMPLETED, Topics.RESOLUTION_NOTE_ADDED,
            Topics.SUPERVISOR_NOTIFIED);

    private record Stream(SseEventSink sink, Sse sse) {
    }

    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final Cluster cluster;
    private final ObjectMapper json;

    LiveUpdates(Cluster cluster, ObjectMapper json) {
        this.cluster = cluster;
        this.json = json;
    }

    /** Keeps the stream open on this node and says it is ready, so the page knows from when it sees every change. */
    public void open(SseEventSink sink, Sse sse) {
        Stream stream = new Stream(sink, sse);
        streams.add(stream);
        write(stream, sse.newEventBuilder().name("ready").data("{}").build());
    }

    void onEvent(@Observes DomainEvent event) {
        toLiveEvent(event).ifPresent(this::pushEverywhere);
    }

    /** Tells the pages on every node; a node that does not answer misses it (its pages refetch on reconnect). */
    public void pushEverywhere(LiveEvent event) {
        try {
            cluster.callEveryNode(new PushHere(event));
        } catch (RuntimeException e) {
            LOG.warnf("Live update %s not pushed: %s", event.type(), e.toString());
        }
    }

    static Optional<LiveEvent> toLiveEvent(DomainEvent event) {
        if (!PUSHED.contains(event.topic())) {
            return Optional.empty();
        }
        boolean resolution = event.topic().startsWith("resolution.");
        UUID conversationId = resolution ? null : event.aggregateId();
        UUID resolutionId = resolution ? event.aggregateId() : null;
        String agentId = Topics.CONVERSATION_ASSIGNED.equals(event.topic()) ? text(event, "agentId") : null;
        String severity = Topics.MESSAGE_CLASSIFIED.equals(event.topic()) ? text(event, "severity") : null;
        return Optional.of(new LiveEvent(event.topic(), conversationId, resolutionId, agentId, severity, null,
                event.occurredAt()));
    }

    private static String text(DomainEvent event, String field) {
        return event.payload().hasNonNull(field) ? event.payload().get(field).asText() : null;
    }

    /** Writes the event to every stream this node holds; returns how many took it. */
    int pushHere(LiveEvent event) {
        String data;
        try {
            data = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live event not serialisable", e);
        }
        int pushed = 0;
        for (Stream stream : streams) {
            if (write(stream, stream.sse().newEventBuilder().name("change").data(data).build())) {
                pushed++;
            }
        }
        return pushed;
    }

    /** A comment every 20 s keeps proxies from closing quiet streams and finds the ones the browser closed. */
    @Scheduled(every = "20s", delayed = "20s")
    void heartbeat() {
        for (Stream stream : new ArrayList<>(streams)) {
            write(stream, stream.sse().newEventBuilder().comment("heartbeat").build());
        }
    }

    private boolean write(Stream stream, OutboundSseEvent event) {
        if (stream.sink().isClosed()) {
            streams.remove(stream);
            return false;
        }
        try {
            stream.sink().send(event).toCompletableFuture().exceptionally(failure -> {
                streams.remove(stream);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            streams.remove(stream);
            return false;
        }
    }

    /** The change for the streams on the receiving node. */
    record PushHere(LiveEvent event) implements NodeTask<Integer> {
        @Override
        public Integer run() {
            return Arc.container().instance(LiveUpdates.class).get().pushHere(event);
        }
    }
}
