-- The push and pull routing paths both change an agent's load on a channel; the version makes the later of
-- two concurrent writers start again with what the first committed instead of overwriting it.
ALTER TABLE agent_channel_load ADD COLUMN version bigint NOT NULL DEFAULT 0;
