-- Conversation core: customers and their identity graph, conversations and their timeline,
-- the transactional outbox and the append-only audit log.

CREATE TABLE customer (
    id              uuid PRIMARY KEY,
    display_name    text,
    company         text,
    tier            text        NOT NULL DEFAULT 'standard' CHECK (tier IN ('free', 'standard', 'premium', 'enterprise')),
    tags            text[]      NOT NULL DEFAULT '{}',
    segments        text[]      NOT NULL DEFAULT '{}',
    risk_flags      text[]      NOT NULL DEFAULT '{}',
    metadata        jsonb       NOT NULL DEFAULT '{}',
    anonymous       boolean     NOT NULL DEFAULT false,
    merged_into     uuid        REFERENCES customer (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0
);
CREATE INDEX customer_display_name_idx ON customer (lower(display_name));

-- One row per identifier a customer is known by; (kind, network, value) is globally unique,
-- so an identifier always resolves to exactly one customer.
CREATE TABLE customer_identifier (
    id              uuid PRIMARY KEY,
    customer_id     uuid        NOT NULL REFERENCES customer (id),
    kind            text        NOT NULL CHECK (kind IN ('email', 'phone', 'social', 'device')),
    network         text        NOT NULL DEFAULT '',
    value           text        NOT NULL,
    verified        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    UNIQUE (kind, network, value)
);
CREATE INDEX customer_identifier_customer_idx ON customer_identifier (customer_id);

-- Why two customers became one, and exactly what moved, so a supervisor can undo it.
CREATE TABLE customer_merge (
    id                    uuid PRIMARY KEY,
    surviving_id          uuid        NOT NULL REFERENCES customer (id),
    merged_id             uuid        NOT NULL REFERENCES customer (id),
    reason                text        NOT NULL,
    identifier_kind       text,
    identifier_value      text,
    triggering_message_id uuid,
    actor                 text        NOT NULL,
    moved_identifier_ids  uuid[]      NOT NULL DEFAULT '{}',
    merged_at             timestamptz NOT NULL,
    unmerged_at           timestamptz,
    unmerged_by           text
);
CREATE INDEX customer_merge_merged_idx ON customer_merge (merged_id);
CREATE INDEX customer_merge_surviving_idx ON customer_merge (surviving_id);

CREATE TABLE conversation (
    id                       uuid PRIMARY KEY,
    customer_id              uuid        NOT NULL REFERENCES customer (id),
    state                    text        NOT NULL,
    channels_used            text[]      NOT NULL DEFAULT '{}',
    current_channel          text        NOT NULL,
    assigned_agent_id        text,
    queue                    text,
    first_response_due_at    timestamptz,
    next_response_due_at     timestamptz,
    resolution_due_at        timestamptz,
    sla_breached             boolean     NOT NULL DEFAULT false,
    resolution_id            uuid,
    previous_conversation_id uuid        REFERENCES conversation (id),
    -- set while the conversation belongs to the surviving customer of a merge, so an unmerge can move it back
    moved_by_merge_id        uuid        REFERENCES customer_merge (id),
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    last_message_at          timestamptz NOT NULL,
    resolved_at              timestamptz,
    version                  bigint      NOT NULL DEFAULT 0
);
CREATE INDEX conversation_customer_idx ON conversation (customer_id, last_message_at DESC);
CREATE INDEX conversation_state_idx ON conversation (state, id);
CREATE INDEX conversation_queue_idx ON conversation (queue, id);
CREATE INDEX conversation_assignee_idx ON conversation (assigned_agent_id, id);

CREATE TABLE message (
    id                  uuid PRIMARY KEY,
    conversation_id     uuid        NOT NULL REFERENCES conversation (id),
    channel             text        NOT NULL,
    external_id         text        NOT NULL,
    direction           text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    content             text        NOT NULL,
    sender_customer_id  uuid        REFERENCES customer (id),
    author              text,
    thread_ref          text,
    ai_annotations      jsonb       NOT NULL DEFAULT '{}',
    delivery_status     text,
    received_at         timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    UNIQUE (channel, external_id)
);
CREATE INDEX message_conversation_idx ON message (conversation_id, created_at);

CREATE TABLE attachment (
    id              uuid PRIMARY KEY,
    message_id      uuid        NOT NULL REFERENCES message (id),
    file_name       text        NOT NULL,
    content_type    text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    sha256          text        NOT NULL,
    storage_key     text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX attachment_message_idx ON attachment (message_id);

CREATE TABLE conversation_note (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id),
    author          text        NOT NULL,
    content         text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX conversation_note_conversation_idx ON conversation_note (conversation_id, created_at);

CREATE TABLE conversation_state_change (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id),
    from_state      text,
    to_state        text        NOT NULL,
    reason          text,
    actor           text        NOT NULL,
    changed_at      timestamptz NOT NULL
);
CREATE INDEX conversation_state_change_conversation_idx ON conversation_state_change (conversation_id, changed_at);

-- Transactional outbox: written in the transaction of the change it describes, relayed afterwards.
CREATE TABLE outbox_event (
    id              uuid PRIMARY KEY,
    topic           text        NOT NULL,
    aggregate_id    uuid        NOT NULL,
    payload         jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    published_at    timestamptz
);
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (occurred_at) WHERE published_at IS NULL;

-- Idempotent consumers: one row per (consumer, event) handled.
CREATE TABLE processed_event (
    consumer        text        NOT NULL,
    event_id        uuid        NOT NULL,
    processed_at    timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- Append-only audit log of every state change and automated decision.
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    entity_type     text        NOT NULL,
    entity_id       uuid        NOT NULL,
    action          text        NOT NULL,
    actor_type      text        NOT NULL CHECK (actor_type IN ('human', 'ai', 'rule', 'system')),
    actor           text        NOT NULL,
    actor_version   text,
    before_state    jsonb,
    after_state     jsonb,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
