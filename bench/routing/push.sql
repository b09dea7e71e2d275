-- RoutingEngine.dispatch: claim the waiting conversation, pick the least-loaded qualified available agent,
-- take a slot, record the assignment. Rolled back so every transaction sees the same 100,000 / 10,000.
\set n random(1, 100000)
BEGIN;
SELECT q.conversation_id AS cid, q.channel AS ch, array_to_string(q.required_skills, ',') AS sk
  FROM routing_queue_entry q JOIN bench_queue b ON b.conversation_id = q.conversation_id
  WHERE b.n = :n FOR UPDATE OF q SKIP LOCKED \gset
SELECT coalesce((array_agg(id))[1]::text, '00000000-0000-0000-0000-000000000000') AS aid, count(*) AS considered FROM (
  SELECT a.id FROM agent_channel_load l JOIN agent a ON a.id = l.agent_id
  WHERE l.channel = :ch::text AND l.active < l.capacity AND a.status = 'available'
    AND a.routing_skills @> string_to_array(:sk::text, ',')
  ORDER BY l.active, a.status_changed_at, a.id LIMIT 10) c \gset
UPDATE agent_channel_load SET active = active + 1 WHERE agent_id = :aid::uuid AND channel = :ch AND active < capacity;
DELETE FROM routing_queue_entry WHERE conversation_id = :cid::uuid;
INSERT INTO agent_assignment (id, conversation_id, agent_id, channel, assigned_by, assigned_at)
  SELECT gen_random_uuid(), :cid::uuid, :aid::uuid, :ch::text, 'routing' || chr(58) || 'push', now() WHERE :aid::uuid <> '00000000-0000-0000-0000-000000000000'::uuid;
ROLLBACK;
