-- Supervisor notifications an automation's notify-supervisor action raised: shown to every supervisor until one of
-- them acknowledges it. The reason is the automation row's argument (written by whoever built the row), never what
-- the customer wrote.
CREATE TABLE supervisor_notification (
    id               uuid        PRIMARY KEY,
    conversation_id  uuid        NOT NULL,
    automation       text        NOT NULL,
    row_id           text        NOT NULL,
    reason           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    acknowledged_by  text,
    acknowledged_at  timestamptz
);
CREATE INDEX supervisor_notification_open ON supervisor_notification (created_at) WHERE acknowledged_at IS NULL;
