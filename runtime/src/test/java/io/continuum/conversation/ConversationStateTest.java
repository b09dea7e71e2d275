package io.continuum.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static io.continuum.conversation.ConversationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The state machine of the product brief, every pair of states pinned. */
class ConversationStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "OPEN,              AWAITING_CUSTOMER, true",
            "OPEN,              AWAITING_AGENT,    true",
            "OPEN,              ESCALATED,         true",
            "OPEN,              RESOLVED,          true",
            "OPEN,              REOPENED,          false",
            "OPEN,              OPEN,              false",
            "AWAITING_CUSTOMER, AWAITING_AGENT,    true",
            "AWAITING_CUSTOMER, ESCALATED,         true",
            "AWAITING_CUSTOMER, RESOLVED,          true",
            "AWAITING_CUSTOMER, OPEN,              false",
            "AWAITING_CUSTOMER, REOPENED,          false",
            "AWAITING_CUSTOMER, AWAITING_CUSTOMER, false",
            "AWAITING_AGENT,    AWAITING_CUSTOMER, true",
            "AWAITING_AGENT,    ESCALATED,         true",
            "AWAITING_AGENT,    RESOLVED,          true",
            "AWAITING_AGENT,    OPEN,              false",
            "AWAITING_AGENT,    REOPENED,          false",
            "ESCALATED,         AWAITING_CUSTOMER, true",
            "ESCALATED,         AWAITING_AGENT,    true",
            "ESCALATED,         RESOLVED,          true",
            "ESCALATED,         OPEN,              false",
            "ESCALATED,         REOPENED,          false",
            "RESOLVED,          REOPENED,          true",
            "RESOLVED,          ESCALATED,         true",
            "RESOLVED,          OPEN,              false",
            "RESOLVED,          AWAITING_AGENT,    false",
            "RESOLVED,          AWAITING_CUSTOMER, false",
            "REOPENED,          AWAITING_CUSTOMER, true",
            "REOPENED,          AWAITING_AGENT,    true",
            "REOPENED,          ESCALATED,         true",
            "REOPENED,          RESOLVED,          true",
            "REOPENED,          OPEN,              false",
    })
    void transitionIsAllowedOnlyWhereTheBriefSaysSo(ConversationState from, ConversationState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(value = ConversationState.class, names = "ESCALATED", mode = EnumSource.Mode.EXCLUDE)
    void escalationIsNeverBlocked(ConversationState from) {
        assertThat(from.canMoveTo(ESCALATED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ConversationState.class)
    void noStateIsADeadEnd(ConversationState state) {
        assertThat(state.allowedNext()).isNotEmpty();
    }

    @Test
    void customerMessagesWakeTheConversationUp() {
        assertThat(OPEN.onInboundMessage()).isEqualTo(AWAITING_AGENT);
        assertThat(AWAITING_CUSTOMER.onInboundMessage()).isEqualTo(AWAITING_AGENT);
        assertThat(RESOLVED.onInboundMessage()).isEqualTo(REOPENED);
        assertThat(ESCALATED.onInboundMessage()).isEqualTo(ESCALATED);
    }

    @Test
    void agentRepliesWaitForTheCustomerButNeverLiftAnEscalationOrReopen() {
        for (ConversationState state : EnumSet.complementOf(EnumSet.of(ESCALATED, RESOLVED))) {
            assertThat(state.onAgentReply()).isEqualTo(AWAITING_CUSTOMER);
        }
        assertThat(ESCALATED.onAgentReply()).isEqualTo(ESCALATED);
        assertThat(RESOLVED.onAgentReply()).isEqualTo(RESOLVED);
    }

    @ParameterizedTest
    @EnumSource(ConversationState.class)
    void automaticMovesAreLegalTransitions(ConversationState state) {
        for (ConversationState next : new ConversationState[]{state.onInboundMessage(), state.onAgentReply()}) {
            assertThat(next == state || state.canMoveTo(next)).as("%s -> %s", state, next).isTrue();
        }
    }
}
