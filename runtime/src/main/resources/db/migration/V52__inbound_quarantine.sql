-- Inbound items a channel delivered but that could not be turned into a message (an unreadable
-- WhatsApp item, a mail without a usable sender, a message the ingestion refused): kept raw,
-- visible to supervisors and retryable, instead of failing the items delivered with them.
-- status: quarantined, ingested (a retry turned it into a message)
CREATE TABLE inbound_quarantine (
    id              uuid        PRIMARY KEY,
    channel         text        NOT NULL,
    reference       text        NOT NULL,
    reason          text        NOT NULL,
    raw             bytea       NOT NULL,
    raw_type        text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    received_at     timestamptz NOT NULL,
    retried_at      timestamptz,
    retried_by      text,
    message_id      uuid,
    UNIQUE (channel, reference)
);
CREATE INDEX inbound_quarantine_by_status ON inbound_quarantine (status, received_at);

-- Files a channel announced with a message but that could not be fetched then (a media server down):
-- the message is stored at once, the file is fetched later and attached to it.
-- status: pending, fetched, refused (over the size limit), failed (gave up after max attempts)
CREATE TABLE pending_attachment (
    id              uuid        PRIMARY KEY,
    message_id      uuid        NOT NULL,
    channel         text        NOT NULL,
    reference       text        NOT NULL,
    file_name       text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (message_id, reference)
);
CREATE INDEX pending_attachment_due ON pending_attachment (next_attempt_at) WHERE status = 'pending';
