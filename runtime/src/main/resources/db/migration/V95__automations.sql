-- Automations (decision-tables/automations.dmn): the conversation's tags, what every automation did or was
-- refused, time-based firings at most once per window, and signed outbound webhooks with their attempts.

ALTER TABLE conversation ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- Every action an automation ran or was refused (storm limit, illegal state move, unknown template...):
-- the storm limit counts the executed ones of the last hour per conversation.
CREATE TABLE automation_action (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    automation      text        NOT NULL,
    row_id          text        NOT NULL,
    action          text        NOT NULL,
    argument        text,
    outcome         text        NOT NULL,
    detail          text,
    trigger         text        NOT NULL,
    event_id        uuid,
    decision_id     uuid,
    policy_version  integer     NOT NULL,
    executed_at     timestamptz NOT NULL
);
CREATE INDEX automation_action_conversation ON automation_action (conversation_id, executed_at);

-- A time-elapsed row fires once per conversation and window (the time the conversation entered its state):
-- the primary key makes a second pass, a restart or a second node find it taken.
CREATE TABLE automation_firing (
    row_id          text        NOT NULL,
    conversation_id uuid        NOT NULL,
    window_start    timestamptz NOT NULL,
    fired_at        timestamptz NOT NULL,
    PRIMARY KEY (row_id, conversation_id, window_start)
);

CREATE TABLE automation_webhook (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    automation      text        NOT NULL,
    url             text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX automation_webhook_due ON automation_webhook (next_attempt_at) WHERE status = 'pending';

CREATE TABLE automation_webhook_attempt (
    webhook_id  uuid        NOT NULL REFERENCES automation_webhook (id),
    attempt     integer     NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text,
    detail      text,
    PRIMARY KEY (webhook_id, attempt)
);

INSERT INTO communication_template (name, language, body, updated_by, updated_at) VALUES
('automation-pending-reminder', 'en',
 'We are still waiting for your answer to our last message. Just reply here whenever you are ready.',
 'system', now());
