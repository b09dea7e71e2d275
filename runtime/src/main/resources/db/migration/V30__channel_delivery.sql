-- Outbound delivery: one delivery per outbound message, its attempts, dead letters.

-- status: pending (due at next_attempt_at), sending (an attempt is in flight), sent, awaiting_visitor
-- (web chat reply for a visitor who is away and left no e-mail; resumes when they return), dead
CREATE TABLE delivery (
    id                  uuid        PRIMARY KEY,
    message_id          uuid        NOT NULL UNIQUE REFERENCES message (id),
    conversation_id     uuid        NOT NULL,
    channel             text        NOT NULL,
    fallback_from       text,
    status              text        NOT NULL,
    attempts            integer     NOT NULL DEFAULT 0,
    -- attempts made before the last manual retry: a retried dead letter gets a full new round
    retry_base          integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    last_error          text,
    provider_message_id text,
    provider_status     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_by_provider_id ON delivery (channel, provider_message_id);
CREATE INDEX delivery_by_status ON delivery (status, updated_at);

-- An attempt is written and committed BEFORE the channel is called: the (delivery, attempt) key
-- makes sure one attempt number calls the channel at most once, and an attempt without an outcome
-- (a crash mid-send) is never repeated automatically.
CREATE TABLE delivery_attempt (
    delivery_id uuid        NOT NULL REFERENCES delivery (id),
    attempt     integer     NOT NULL,
    channel     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text,
    detail      text,
    PRIMARY KEY (delivery_id, attempt)
);
