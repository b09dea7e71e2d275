-- RoutingEngine.pullNext: the most urgent waiting conversation (time to breach, then priority) the agent
-- qualifies for and has a free slot for, claimed FOR UPDATE SKIP LOCKED. Rolled back.
\set a random(1, 10000)
BEGIN;
SELECT id AS aid FROM bench_agent WHERE n = :a \gset
SELECT coalesce((array_agg(conversation_id))[1]::text, '') AS cid FROM (
  SELECT q.conversation_id FROM routing_queue_entry q
  JOIN agent_channel_load l ON l.agent_id = :aid::uuid AND l.channel = q.channel AND l.active < l.capacity
  WHERE q.required_skills <@ (SELECT routing_skills FROM agent WHERE id = :aid::uuid)
  ORDER BY q.breach_at, q.priority, q.enqueued_at LIMIT 1 FOR UPDATE OF q SKIP LOCKED) c \gset
ROLLBACK;
