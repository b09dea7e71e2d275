-- Agents' macros: named replies with placeholders and optional actions, private to their owner or shared
-- (supervisors manage shared ones). Usage is counted on each apply.
CREATE TABLE macro (
    id           uuid PRIMARY KEY,
    name         text        NOT NULL,
    body         text        NOT NULL,
    shared       boolean     NOT NULL,
    owner        text        NOT NULL,
    add_tags     text[]      NOT NULL DEFAULT '{}',
    change_state text,
    usage_count  bigint      NOT NULL DEFAULT 0,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX macro_by_owner ON macro (owner);
