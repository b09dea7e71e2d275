-- An event a consumer failed on is delivered again later, with back-off, instead of being lost for it.
ALTER TABLE outbox_event
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz;
