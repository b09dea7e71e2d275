-- The policy store: every DMN model and DRL rule set is a named policy with versions;
-- the decision log keeps every evaluation so decisions can be explained and replayed.

CREATE TABLE policy (
    name            text PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('dmn', 'drl')),
    live_version    integer,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE policy_version (
    policy_name     text        NOT NULL REFERENCES policy (name),
    version         integer     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('validated', 'published', 'retired')),
    source          text        NOT NULL,
    author          text        NOT NULL,
    comment         text,
    validation      jsonb       NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL,
    published_at    timestamptz,
    published_by    text,
    retired_at      timestamptz,
    PRIMARY KEY (policy_name, version)
);

CREATE TABLE decision_log (
    id              uuid PRIMARY KEY,
    policy_name     text        NOT NULL,
    policy_version  integer     NOT NULL,
    conversation_id uuid,
    inputs          jsonb       NOT NULL,
    outputs         jsonb       NOT NULL,
    fired           jsonb       NOT NULL,
    duration_micros bigint      NOT NULL,
    evaluated_at    timestamptz NOT NULL
);
CREATE INDEX decision_log_policy_idx ON decision_log (policy_name, evaluated_at DESC);
CREATE INDEX decision_log_conversation_idx ON decision_log (conversation_id, evaluated_at);

CREATE TABLE policy_simulation (
    id              uuid PRIMARY KEY,
    policy_name     text        NOT NULL,
    policy_version  integer     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
    since           timestamptz,
    sample_limit    integer     NOT NULL,
    total           integer     NOT NULL DEFAULT 0,
    processed       integer     NOT NULL DEFAULT 0,
    changed         integer     NOT NULL DEFAULT 0,
    report          jsonb       NOT NULL DEFAULT '{}',
    started_by      text        NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
