package io.continuum.support;

import io.continuum.conversation.Conversation;
import io.continuum.identity.Customer;
import io.continuum.routing.Agent;
import io.continuum.routing.AgentStatus;
import io.continuum.routing.Agents;
import io.continuum.routing.QueueEntry;
import io.continuum.routing.WaitingQueue;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real rows for routing tests: a conversation as first contact leaves it (queue, skills, priority,
 * SLA due time) on a channel of the test's own, so data of other tests never competes.
 */
public final class RoutingFixtures {

    private RoutingFixtures() {
    }

    public static String uniqueChannel() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static UUID conversation(String channel, List<String> requiredSkills, int priority, Instant firstResponseDueAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Customer customer = new Customer();
            customer.id = UUID.randomUUID();
            customer.createdAt = now;
            customer.updatedAt = now;
            customer.persist();
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.customerId = customer.id;
            conversation.state = "awaiting_agent";
            conversation.channelsUsed = new ArrayList<>(List.of(channel));
            conversation.currentChannel = channel;
            conversation.queue = "general";
            conversation.requiredSkills = new ArrayList<>(requiredSkills);
            conversation.priority = priority;
            conversation.handlingMode = "agent";
            conversation.firstResponseDueAt = firstResponseDueAt;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.lastMessageAt = now;
            conversation.persist();
            return conversation.id;
        });
    }

    public static void enqueue(WaitingQueue queue, UUID conversationId, String channel, List<String> skills, int priority,
                        Instant breachAt) {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(new QueueEntry(conversationId, "general",
                channel, skills, priority, breachAt, Instant.now(), null)));
    }

    public static Agent agent(Agents agents, String channel, int capacity, List<String> skills, List<String> languages,
                       AgentStatus status) {
        return agents.create(new Agents.NewAgent("test-" + UUID.randomUUID(), "Test agent", skills, languages,
                List.of(channel), List.of(), Map.of(channel, capacity), status), "test");
    }

    /**
     * Makes the agents available without the offer of work that a status change makes (a freed agent pulls the
     * most urgent conversation on a thread of its own), so that the router the test drives is the only one.
     */
    public static void availableWithoutPulling(List<UUID> agentIds) {
        QuarkusTransaction.requiringNew().run(() -> Agent.getEntityManager()
                .createQuery("update Agent set status = :status where id in :ids")
                .setParameter("status", AgentStatus.AVAILABLE.wireName()).setParameter("ids", agentIds)
                .executeUpdate());
    }
}
