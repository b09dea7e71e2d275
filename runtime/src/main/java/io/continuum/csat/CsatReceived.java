package io.continuum.csat;

import java.util.UUID;

/**
 * {@code csat.received}: a customer rated a conversation, so automations can act on a low score. The
 * comment stays out: it is the customer's words, kept sealed with the survey.
 */
public record CsatReceived(UUID surveyId, UUID conversationId, UUID customerId, String agentId, String queue,
                           String channel, int score, boolean commented, String answeredVia) {
}
