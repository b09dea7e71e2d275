package io.continuum.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The metrics a supervisor watches: totals and a daily series over a window, plus the floor right now. */
public record Metrics(Instant from, Instant to, Figures totals, List<Day> series, List<QueueLoad> queues,
                      List<AgentLoad> agents, Csat csat) {

    /** One UTC day of the window. */
    public record Day(LocalDate day, Figures figures) {
    }

    /** Unresolved conversations of a queue now; {@code overdue} ones are past a due time or flagged breached. */
    public record QueueLoad(String queue, long open, long unassigned, long overdue) {
    }

    /** Unresolved conversations an agent owns now. */
    public record AgentLoad(String agent, long open, long overdue) {
    }

    /**
     * Customer satisfaction over the window (surveys sent in it): the average and response rate, how many
     * answers gave each score, and the same figures per agent and per queue that handled the conversation.
     */
    public record Csat(Double average, long sent, long answered, Double responseRate, Map<Integer, Long> distribution,
                       List<CsatGroup> byAgent, List<CsatGroup> byQueue) {
    }

    /** The satisfaction figures of one agent or queue. */
    public record CsatGroup(String name, long sent, long answered, Double responseRate, Double average) {
    }
}
