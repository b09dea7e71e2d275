-- Routing ranks agents for a conversation by their load on its channel, then by how long they have been
-- available, among the available ones whose skills cover it. Those facts lived on two tables, so ranking
-- joined every free agent of the channel and sorted them. Each load row now carries its agent's status, since
-- when, and routing skills, kept equal to the agent's by the triggers below (whoever writes the agent), so one
-- partial index holds the available agents with a free slot per channel in the rule's order.
ALTER TABLE agent_channel_load
    ADD COLUMN agent_status       text,
    ADD COLUMN agent_status_since timestamptz,
    ADD COLUMN routing_skills     text[];

UPDATE agent_channel_load l
SET agent_status = a.status, agent_status_since = a.status_changed_at, routing_skills = a.routing_skills
FROM agent a WHERE a.id = l.agent_id;

ALTER TABLE agent_channel_load
    ALTER COLUMN agent_status SET NOT NULL,
    ALTER COLUMN agent_status_since SET NOT NULL,
    ALTER COLUMN routing_skills SET NOT NULL;

-- a new load row takes its agent's facts as they are
CREATE FUNCTION agent_channel_load_copy_agent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT a.status, a.status_changed_at, a.routing_skills
    INTO NEW.agent_status, NEW.agent_status_since, NEW.routing_skills
    FROM agent a WHERE a.id = NEW.agent_id;
    RETURN NEW;
END $$;
CREATE TRIGGER agent_channel_load_copy_agent BEFORE INSERT OR UPDATE OF agent_id ON agent_channel_load
    FOR EACH ROW EXECUTE FUNCTION agent_channel_load_copy_agent();

-- an agent's change reaches their load rows in the same statement, so routing never ranks on stale facts
CREATE FUNCTION agent_routing_facts_to_load() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE agent_channel_load
    SET agent_status = NEW.status, agent_status_since = NEW.status_changed_at, routing_skills = NEW.routing_skills
    WHERE agent_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER agent_routing_facts_to_load AFTER UPDATE OF status, status_changed_at, routing_skills ON agent
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_changed_at IS DISTINCT FROM NEW.status_changed_at
          OR OLD.routing_skills IS DISTINCT FROM NEW.routing_skills)
    EXECUTE FUNCTION agent_routing_facts_to_load();

-- push: the available agents with a free slot on a channel, in the rule's order (least loaded, then available
-- longest); the skills are read from the index, so a conversation few can take costs no visit to the table
CREATE INDEX agent_channel_load_ranking_idx ON agent_channel_load (channel, active, agent_status_since, agent_id)
    INCLUDE (capacity, routing_skills) WHERE agent_status = 'available' AND active < capacity;
DROP INDEX agent_channel_load_free_idx;
-- ranking no longer reads the agent's skills from the agent table
DROP INDEX agent_available_skills_idx;
