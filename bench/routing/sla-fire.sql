-- SlaClockScheduler.fireBatch: claim up to 500 clocks whose next moment has come, mark them fired and
-- write their sla.breached events to the outbox, in one transaction. Rolled back so the backlog stays.
BEGIN;
WITH fired AS (
  SELECT id, conversation_id FROM sla_clock WHERE next_fire_at <= now() ORDER BY next_fire_at LIMIT 500 FOR UPDATE SKIP LOCKED
), marked AS (
  UPDATE sla_clock c SET warned_at = now(), breached_at = now(), next_fire_at = NULL FROM fired f WHERE c.id = f.id
  RETURNING c.conversation_id
)
INSERT INTO outbox_event (id, topic, aggregate_id, payload, occurred_at)
  SELECT gen_random_uuid(), 'sla.breached', conversation_id, jsonb_build_object('conversationId', conversation_id), now() FROM marked;
ROLLBACK;
