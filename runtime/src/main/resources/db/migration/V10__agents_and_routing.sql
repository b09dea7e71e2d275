-- Agents, their per-channel capacity and live load, the routing queue and assignments.

CREATE TABLE agent (
    id                uuid PRIMARY KEY,
    username          text        NOT NULL UNIQUE,
    name              text        NOT NULL,
    skills            text[]      NOT NULL DEFAULT '{}',
    languages         text[]      NOT NULL DEFAULT '{}',
    channels          text[]      NOT NULL DEFAULT '{}',
    teams             text[]      NOT NULL DEFAULT '{}',
    -- skills plus one "lang-<code>" per language: what routing.dmn's requiredSkills are matched against
    routing_skills    text[]      NOT NULL DEFAULT '{}',
    status            text        NOT NULL CHECK (status IN ('available', 'busy', 'away', 'offline')),
    status_changed_at timestamptz NOT NULL,
    created_at        timestamptz NOT NULL
);
CREATE INDEX agent_available_skills_idx ON agent USING gin (routing_skills) WHERE status = 'available';

-- One row per agent and channel: how many conversations the agent takes at once there, and has now.
-- "active < capacity" is checked by the UPDATE that takes a slot, so capacity holds under races.
CREATE TABLE agent_channel_load (
    agent_id uuid    NOT NULL REFERENCES agent (id),
    channel  text    NOT NULL,
    capacity integer NOT NULL CHECK (capacity >= 0),
    active   integer NOT NULL DEFAULT 0 CHECK (active >= 0),
    PRIMARY KEY (agent_id, channel)
);
CREATE INDEX agent_channel_load_free_idx ON agent_channel_load (channel, active, agent_id) WHERE active < capacity;

-- Conversations waiting for an agent. Served in time-to-breach order, then priority (1 first).
CREATE TABLE routing_queue_entry (
    conversation_id     uuid PRIMARY KEY,
    queue               text        NOT NULL,
    channel             text        NOT NULL,
    required_skills     text[]      NOT NULL DEFAULT '{}',
    priority            integer     NOT NULL,
    breach_at           timestamptz NOT NULL,
    enqueued_at         timestamptz NOT NULL,
    process_instance_id text
);
CREATE INDEX routing_queue_order_idx ON routing_queue_entry (breach_at, priority, enqueued_at);
CREATE INDEX routing_queue_queue_idx ON routing_queue_entry (queue, breach_at, priority);

-- Who holds which conversation. The partial unique index is the last line of defence against a
-- conversation being assigned to two agents: a second active row cannot exist.
CREATE TABLE agent_assignment (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    agent_id        uuid        NOT NULL REFERENCES agent (id),
    channel         text        NOT NULL,
    assigned_by     text        NOT NULL,
    assigned_at     timestamptz NOT NULL,
    released_at     timestamptz
);
CREATE UNIQUE INDEX agent_assignment_active_idx ON agent_assignment (conversation_id) WHERE released_at IS NULL;
CREATE INDEX agent_assignment_agent_idx ON agent_assignment (agent_id) WHERE released_at IS NULL;

-- Each agent-handoff process instance: when it started and for which conversation (the task list shows it).
CREATE TABLE handoff (
    process_instance_id text PRIMARY KEY,
    conversation_id     uuid        NOT NULL,
    queue               text        NOT NULL,
    created_at          timestamptz NOT NULL
);
CREATE INDEX handoff_conversation_idx ON handoff (conversation_id);
