package io.continuum.routing;

import io.continuum.platform.ConcurrentUpdates;
import io.continuum.problem.ConcurrentUpdate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.continuum.support.RoutingFixtures.agent;
import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** An agent's load changed by two writers at the same moment: neither update is lost, capacity holds. */
@QuarkusTest
class AgentLoadConcurrencyTest {

    @Inject
    Assignments assignments;
    @Inject
    RoutingEngine routing;
    @Inject
    Agents agents;

    private static int active(UUID agentId, String channel) {
        return QuarkusTransaction.requiringNew().call(() -> AgentLoad.of(agentId, channel).active);
    }

    /**
     * The first writer reads the load and waits; the second takes a slot and commits; then the first takes a
     * slot from what it read. {@code firstWriter} runs in the first writer's transaction after its read.
     */
    private Throwable interleave(UUID agentId, String channel, Runnable firstWriter) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        try {
            Future<?> first = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                assertThat(AgentLoad.of(agentId, channel)).isNotNull();
                firstRead.countDown();
                await(secondCommitted);
                firstWriter.run();
            }));
            Future<?> second = threads.submit(() -> {
                await(firstRead);
                QuarkusTransaction.requiringNew().run(() -> assertThat(assignments.takeSlot(agentId, channel)).isTrue());
                secondCommitted.countDown();
            });
            second.get(30, TimeUnit.SECONDS);
            return catchThrowable(() -> first.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLaterOfTwoWritersFailsItsVersionCheckInsteadOfOverwritingTheLoad() throws Exception {
        String channel = uniqueChannel();
        Agent agent = agent(agents, channel, 2, List.of(), List.of(), AgentStatus.AWAY);

        Throwable later = interleave(agent.id, channel, () -> assignments.takeSlot(agent.id, channel));

        assertThat(ConcurrentUpdate.causes(later)).as("the later writer's version check failed: %s", later).isTrue();
        assertThat(active(agent.id, channel)).as("the first writer's slot is kept, not overwritten").isEqualTo(1);
    }

    @Test
    void theLaterWriterStartsAgainWithWhatTheFirstCommittedAndCapacityHolds() throws Exception {
        String channel = uniqueChannel();
        Agent agent = agent(agents, channel, 1, List.of(), List.of(), AgentStatus.AWAY);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);

        CompletableFuture<Boolean> later = CompletableFuture.supplyAsync(() -> ConcurrentUpdates.inNewTransaction(() -> {
            AgentLoad.of(agent.id, channel);
            if (attempts.incrementAndGet() == 1) {
                firstRead.countDown();
                await(secondCommitted);
            }
            return assignments.takeSlot(agent.id, channel);
        }));
        await(firstRead);
        assertThat(QuarkusTransaction.requiringNew().call(() -> assignments.takeSlot(agent.id, channel))).isTrue();
        secondCommitted.countDown();

        assertThat(later.get(30, TimeUnit.SECONDS)).as("the only slot is taken: the retry sees it").isFalse();
        assertThat(attempts.get()).as("the later writer ran again after its conflict").isEqualTo(2);
        assertThat(active(agent.id, channel)).isEqualTo(1);
    }

    @Test
    void pushAndPullRacingForOneAgentNeverGiveItMoreThanItsCapacity() throws Exception {
        String channel = uniqueChannel();
        Agent agent = agent(agents, channel, 3, List.of(), List.of(), AgentStatus.AWAY);
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = conversation(channel, List.of(), 2, Instant.now().plusSeconds(600 + i));
            // queued without the push that enqueue starts: the two routers below are the only writers
            QuarkusTransaction.requiringNew().run(() -> Agent.getEntityManager().createNativeQuery("""
                            INSERT INTO routing_queue_entry (conversation_id, queue, channel, priority, breach_at, enqueued_at)
                            VALUES (?1, 'general', ?2, 2, now() + interval '10 minutes', now())""")
                    .setParameter(1, id).setParameter(2, channel).executeUpdate());
            waiting.add(id);
        }
        QuarkusTransaction.requiringNew().run(() -> Agent.getEntityManager()
                .createNativeQuery("UPDATE agent SET status = 'available' WHERE id = ?1").setParameter(1, agent.id).executeUpdate());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> pulled = threads.submit(() -> {
                await(start);
                int taken = 0;
                Optional<RoutingEngine.Assignment> next;
                while ((next = ConcurrentUpdates.inNewTransaction(() -> routing.pullNext(agent.id, AssignmentSource.PULL))).isPresent()) {
                    assertThat(next.get().agentId()).isEqualTo(agent.id);
                    taken++;
                }
                return taken;
            });
            Future<Integer> pushed = threads.submit(() -> {
                await(start);
                int taken = 0;
                for (UUID id : waiting) {
                    taken += ConcurrentUpdates.inNewTransaction(() -> routing.dispatch(id)).isPresent() ? 1 : 0;
                }
                return taken;
            });
            start.countDown();
            int assigned = pulled.get(60, TimeUnit.SECONDS) + pushed.get(60, TimeUnit.SECONDS);

            assertThat(assigned).as("conversations given to the agent by push and pull together").isEqualTo(3);
            assertThat(active(agent.id, channel)).as("the load counts each of them once").isEqualTo(3);
            assertThat(QuarkusTransaction.requiringNew().call(() ->
                    AgentAssignment.count("agentId = ?1 and releasedAt is null", agent.id))).isEqualTo(3L);
        } finally {
            threads.shutdownNow();
        }
    }
}
