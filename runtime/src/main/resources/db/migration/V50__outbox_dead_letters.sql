-- A consumer that keeps failing on an event: its attempts are counted here, each in its own
-- transaction, and after the retry budget the row becomes a dead letter (dead_at set) that a
-- supervisor can see and retry. The event is then done for every other consumer; it is never
-- marked delivered for the dead one without a trace.
CREATE TABLE outbox_consumer_failure (
    id              uuid        PRIMARY KEY,
    consumer        text        NOT NULL,
    event_id        uuid        NOT NULL,
    attempts        integer     NOT NULL,
    last_error      text,
    first_failed_at timestamptz NOT NULL,
    last_failed_at  timestamptz NOT NULL,
    dead_at         timestamptz,
    retried_at      timestamptz,
    retried_by      text,
    UNIQUE (consumer, event_id)
);
CREATE INDEX outbox_consumer_failure_dead ON outbox_consumer_failure (dead_at) WHERE dead_at IS NOT NULL;

-- The relay picks due events per aggregate (one relay at a time per key).
CREATE INDEX outbox_event_pending_by_aggregate ON outbox_event (aggregate_id, occurred_at) WHERE published_at IS NULL;
