package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.continuum.support.RoutingFixtures.agent;
import static io.continuum.support.RoutingFixtures.availableWithoutPulling;
import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.enqueue;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** RoutingEngine on real PostgreSQL: matching, ordering, push and pull, and no double assignment under races. */
@QuarkusTest
class RoutingEngineTest {

    @Inject
    RoutingEngine routing;
    @Inject
    WaitingQueue queue;
    @Inject
    Assignments assignments;
    @Inject
    Agents agents;
    @Inject
    AgentSelection selection;

    private static String assigneeOf(UUID conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> Conversation.<Conversation>findById(conversationId).assignedAgentId);
    }

    @Test
    void givesAQueuedConversationToTheLeastLoadedAvailableAgentWhoseSkillsCoverIt() {
        String channel = uniqueChannel();
        String skill = "skill-" + UUID.randomUUID();
        Agent first = agent(agents, channel, 2, List.of(skill), List.of("en"), AgentStatus.AWAY);
        Agent second = agent(agents, channel, 2, List.of(skill), List.of("en"), AgentStatus.AWAY);
        Agent away = agent(agents, channel, 5, List.of(skill), List.of("en"), AgentStatus.AWAY);
        Agent unskilled = agent(agents, channel, 5, List.of("other"), List.of("en"), AgentStatus.AWAY);
        Agent full = agent(agents, channel, 0, List.of(skill), List.of("en"), AgentStatus.AWAY);
        availableWithoutPulling(List.of(first.id, second.id, unskilled.id, full.id));

        UUID one = queued(channel, List.of(skill), 2, Instant.now().plusSeconds(600));
        await().atMost(Duration.ofSeconds(10)).until(() -> assigneeOf(one) != null);
        assertThat(assigneeOf(one)).as("a tie goes to the agent available longest").isEqualTo(first.id.toString());

        UUID two = queued(channel, List.of(skill), 2, Instant.now().plusSeconds(600));
        await().atMost(Duration.ofSeconds(10)).until(() -> assigneeOf(two) != null);
        assertThat(assigneeOf(two)).as("the least loaded wins").isEqualTo(second.id.toString());

        UUID spanish = queued(channel, List.of(skill, "lang-es"), 2, Instant.now().plusSeconds(600));
        assertThat(QuarkusTransaction.requiringNew().call(() -> routing.dispatch(spanish)))
                .as("nobody available speaks Spanish: it waits").isEmpty();
        assertThat(queue.waiting(Optional.empty(), 10_000)).extracting(QueueEntry::conversationId).contains(spanish);
        assertThat(List.of(away.id, unskilled.id, full.id)).noneMatch(id -> id.toString().equals(assigneeOf(one))
                || id.toString().equals(assigneeOf(two)));

        Map<String, Object> decision = as("supervisor").get("/api/v1/conversations/{id}/decisions", two)
                .then().statusCode(200).extract().jsonPath().getMap("find { it.policy == 'agent-assignment' }");
        assertThat(decision.get("explanation").toString())
                .contains(second.username).contains("least active load (0 of 2)").contains(skill);
        assertThat((Map<String, Object>) decision.get("outputs"))
                .containsEntry("agentUsername", second.username)
                .containsEntry("qualifiedAvailable", 2)
                .containsEntry("orMore", false);
    }

    @Test
    void anExplanationAmongManyQualifiedAgentsShowsTheBestAndCountsTheOthersOnlyUpToItsLimit() {
        String channel = uniqueChannel();
        String skill = "skill-" + UUID.randomUUID();
        List<UUID> crowd = new ArrayList<>();
        for (int i = 0; i <= AgentSelection.QUALIFIED_COUNTED_UP_TO; i++) {
            crowd.add(agent(agents, channel, 1, List.of(skill), List.of("en"), AgentStatus.AWAY).id);
        }
        UUID crowded = queued(channel, List.of(skill), 2, Instant.now().plusSeconds(600));
        availableWithoutPulling(crowd);
        // the push that queuing started found nobody available; pushed again (while that first push still holds the
        // queue row, a push finds it taken and leaves it)
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            QuarkusTransaction.requiringNew().call(() -> routing.dispatch(crowded));
            return assigneeOf(crowded) != null;
        });

        Map<String, Object> outputs = as("supervisor").get("/api/v1/conversations/{id}/decisions", crowded)
                .then().statusCode(200).extract().jsonPath().getMap("find { it.policy == 'agent-assignment' }.outputs");
        assertThat(outputs)
                .containsEntry("qualifiedAvailable", AgentSelection.QUALIFIED_COUNTED_UP_TO)
                .containsEntry("orMore", true);
        assertThat((List<?>) outputs.get("considered")).hasSize(AgentSelection.CANDIDATES_SHOWN);
    }

    @Test
    void anAgentWhoStepsAwayIsNotRankedUntilAvailableAgain() {
        String channel = uniqueChannel();
        Agent agent = agent(agents, channel, 1, List.of(), List.of(), AgentStatus.AVAILABLE);

        agents.changeStatus(agent.id, AgentStatus.AWAY, Actor.system("test"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> selection.candidates(channel, List.of(), 10)))
                .as("away").isEmpty();

        agents.changeStatus(agent.id, AgentStatus.AVAILABLE, Actor.system("test"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> selection.candidates(channel, List.of(), 10)))
                .as("available again").extracting(AgentSelection.Candidate::agentId).containsExactly(agent.id);
    }

    @Test
    void servesWaitingConversationsByTimeToBreachThenPriority() {
        String channel = uniqueChannel();
        Instant now = Instant.now();
        UUID laterBreach = queued(channel, List.of(), 1, now.plusSeconds(1800));
        UUID soonLowPriority = queued(channel, List.of(), 3, now.plusSeconds(600));
        UUID soonHighPriority = queued(channel, List.of(), 1, now.plusSeconds(600));
        UUID soonest = queued(channel, List.of(), 4, now.plusSeconds(300));
        Agent agent = agent(agents, channel, 10, List.of(), List.of(), AgentStatus.AWAY);

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(as("supervisor").post("/api/v1/agents/{id}/next", agent.id)
                    .then().statusCode(200).extract().path("conversationId"));
        }
        assertThat(served).containsExactly(soonest.toString(), soonHighPriority.toString(), soonLowPriority.toString(),
                laterBreach.toString());
        as("supervisor").post("/api/v1/agents/{id}/next", agent.id).then().statusCode(204);
    }

    @Test
    void anAgentBecomingAvailableGetsTheMostUrgentWaitingConversations() {
        String channel = uniqueChannel();
        Agent agent = agent(agents, channel, 1, List.of(), List.of(), AgentStatus.OFFLINE);
        UUID later = queued(channel, List.of(), 1, Instant.now().plusSeconds(900));
        UUID urgent = queued(channel, List.of(), 1, Instant.now().plusSeconds(60));

        as("supervisor").body(Map.of("status", "available")).put("/api/v1/agents/{id}/status", agent.id)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("available"));

        await().atMost(Duration.ofSeconds(10)).until(() -> assigneeOf(urgent) != null);
        assertThat(assigneeOf(later)).as("capacity 1: the later one keeps waiting").isNull();
        QuarkusTransaction.requiringNew().run(() -> assignments.release(urgent, Actor.system("test")));
        routing.fillCapacity(agent.id);
        assertThat(assigneeOf(later)).isEqualTo(agent.id.toString());
    }

    @Test
    void noConversationIsAssignedTwiceWhenRoutersRace() throws Exception {
        String channel = uniqueChannel();
        Agent a = agent(agents, channel, 50, List.of(), List.of(), AgentStatus.AWAY);
        Agent b = agent(agents, channel, 50, List.of(), List.of(), AgentStatus.AWAY);
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            conversations.add(queued(channel, List.of(), 2, Instant.now().plusSeconds(600 + i)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (Agent agent : List.of(a, b)) {
                Callable<List<UUID>> puller = () -> {
                    start.await();
                    List<UUID> taken = new ArrayList<>();
                    Optional<RoutingEngine.Assignment> next;
                    while ((next = QuarkusTransaction.requiringNew().call(() -> routing.pullNext(agent.id, AssignmentSource.PULL))).isPresent()) {
                        taken.add(next.get().conversationId());
                    }
                    return taken;
                };
                results.add(threads.submit(puller));
            }
            start.countDown();
            List<UUID> byA = results.get(0).get(60, TimeUnit.SECONDS);
            List<UUID> byB = results.get(1).get(60, TimeUnit.SECONDS);

            assertThat(byA).doesNotContainAnyElementsOf(byB);
            assertThat(new ArrayList<UUID>() {{ addAll(byA); addAll(byB); }}).containsExactlyInAnyOrderElementsOf(conversations);
            for (UUID id : conversations) {
                String expected = (byA.contains(id) ? a : b).id.toString();
                assertThat(assigneeOf(id)).isEqualTo(expected);
                assertThat(QuarkusTransaction.requiringNew().call(() ->
                        AgentAssignment.count("conversationId", id))).as("assignments of %s", id).isEqualTo(1L);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoRoutersPushingTheSameConversationAssignItOnce() throws Exception {
        String channel = uniqueChannel();
        List<UUID> routers = List.of(agent(agents, channel, 50, List.of(), List.of(), AgentStatus.AWAY).id,
                agent(agents, channel, 50, List.of(), List.of(), AgentStatus.AWAY).id);
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = conversation(channel, List.of(), 2, Instant.now().plusSeconds(600));
            // queued without the push that enqueue starts: the racing dispatchers below are the only routers
            QuarkusTransaction.requiringNew().run(() -> Agent.getEntityManager().createNativeQuery("""
                            INSERT INTO routing_queue_entry (conversation_id, queue, channel, priority, breach_at, enqueued_at)
                            VALUES (?1, 'general', ?2, 2, now() + interval '10 minutes', now())""")
                    .setParameter(1, id).setParameter(2, channel).executeUpdate());
            conversations.add(id);
        }
        availableWithoutPulling(routers);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (UUID id : conversations) {
                CountDownLatch start = new CountDownLatch(1);
                Callable<Boolean> dispatcher = () -> {
                    start.await();
                    return QuarkusTransaction.requiringNew().call(() -> routing.dispatch(id)).isPresent();
                };
                Future<Boolean> first = threads.submit(dispatcher);
                Future<Boolean> second = threads.submit(dispatcher);
                start.countDown();
                int winners = (first.get(30, TimeUnit.SECONDS) ? 1 : 0) + (second.get(30, TimeUnit.SECONDS) ? 1 : 0);
                assertThat(winners).as("routers that assigned %s", id).isEqualTo(1);
                assertThat(QuarkusTransaction.requiringNew().call(() -> AgentAssignment.count("conversationId", id))).isEqualTo(1L);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private UUID queued(String channel, List<String> skills, int priority, Instant breachAt) {
        UUID id = conversation(channel, skills, priority, breachAt);
        enqueue(queue, id, channel, skills, priority, breachAt);
        return id;
    }
}
