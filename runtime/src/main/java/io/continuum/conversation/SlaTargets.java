package io.continuum.conversation;

import java.time.Instant;

/** SLA due times of a conversation, as the SLA clocks computed them from the live `sla-policy`. */
public record SlaTargets(Instant firstResponseDueAt, Instant nextResponseDueAt, Instant resolutionDueAt) {
}
