-- SLA clocks: one row per running (or finished) clock of a conversation. The scheduler finds the
-- clocks that fall due through the partial index on next_fire_at and claims them with SKIP LOCKED,
-- so it never scans conversations and two nodes never fire the same warning or breach.

CREATE TABLE sla_clock (
    id                     uuid PRIMARY KEY,
    conversation_id        uuid             NOT NULL,
    kind                   text             NOT NULL CHECK (kind IN ('first_response', 'next_response', 'resolution')),
    status                 text             NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
    calendar               text             NOT NULL,
    target_seconds         bigint           NOT NULL,
    warning_threshold      double precision NOT NULL,
    policy_version         integer          NOT NULL,
    started_at             timestamptz      NOT NULL,
    warn_at                timestamptz      NOT NULL,
    due_at                 timestamptz      NOT NULL,
    -- while paused: calendar seconds that were left until the warning and the due time
    warn_remaining_seconds bigint,
    due_remaining_seconds  bigint,
    paused_at              timestamptz,
    warned_at              timestamptz,
    breached_at            timestamptz,
    stopped_at             timestamptz,
    -- the next moment this clock has something to fire; null when paused, stopped or done
    next_fire_at           timestamptz
);
CREATE INDEX sla_clock_next_fire_idx ON sla_clock (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE UNIQUE INDEX sla_clock_active_idx ON sla_clock (conversation_id, kind) WHERE status <> 'stopped';
CREATE INDEX sla_clock_conversation_idx ON sla_clock (conversation_id);

-- The targets the live sla-policy gave a conversation, kept for clocks started later (next response).
CREATE TABLE sla_conversation_targets (
    conversation_id       uuid PRIMARY KEY,
    next_response_seconds bigint           NOT NULL,
    warning_threshold     double precision NOT NULL,
    calendar              text             NOT NULL,
    policy_version        integer          NOT NULL
);
