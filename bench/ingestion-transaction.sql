-- One ingestion transaction (MessageIngestion.ingest) as the platform sends it to PostgreSQL, statement for
-- statement, captured with log_statement = 'all' from the packaged platform ingesting e-mail messages:
-- dedupe lock and lookup → identity (lock, verified identifier) → a first contact creates the customer, its data
-- key, identifier, audit rows and events; a returning customer is locked and read → the customer's conversation
-- (locked, read; a first contact opens one) → the message, its eight search terms (one statement), the state change, the
-- message.received event → the conversation's optimistic update. The values stand in for the sealed ones
-- (same lengths). Senders come from a pool of 5,000, as the end-to-end benchmark's do, so the mix of first
-- contacts and returning customers is the benchmark's. Runs on a copy of the platform's schema (no relay reads it).
-- A colon inside a literal is written chr(58): pgbench would read ':name' in it as a variable.
\set k random(1, 5000)
BEGIN;
SELECT gen_random_uuid() AS message_id, 'pgbench-' || :client_id::text || '-' || txid_current() AS external_id,
       encode(sha256(('customer-' || :k::text || '@bench.example.com')::bytea), 'hex') AS value_index,
       (SELECT string_agg(encode(sha256((txid_current() || '-' || word)::bytea), 'hex'), ',')
          FROM generate_series(1, 8) AS word) AS terms \gset
SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(('message' || chr(58) || 'email' || chr(58) || '') || :external_id::text, 0))) AS locked;
SELECT m1_0.id, m1_0.ai_confidence, m1_0.ai_intent, m1_0.author, m1_0.channel, m1_0.conversation_id, m1_0.created_at,
       m1_0.delivery_status, m1_0.direction, m1_0.external_id, m1_0.language, m1_0.received_at, m1_0.ai_annotations,
       m1_0.content, m1_0.sender_customer_id, m1_0.thread_ref
  FROM message m1_0 WHERE m1_0.channel = 'email' AND m1_0.external_id = :external_id FETCH FIRST 1 ROWS ONLY;
SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('identifier:' || :value_index::text, 0))) AS locked;
SELECT count(*) AS known, coalesce(min(ci1_0.customer_id::text), gen_random_uuid()::text) AS customer_id
  FROM (SELECT ci1_0.id, ci1_0.created_at, ci1_0.customer_id, ci1_0.kind, ci1_0.network, ci1_0.value, ci1_0.value_index,
               ci1_0.verified FROM customer_identifier ci1_0
        WHERE ci1_0.kind = 'email' AND ci1_0.network = '' AND ci1_0.value_index = :value_index AND ci1_0.verified = true
        FETCH FIRST 1 ROWS ONLY) ci1_0 \gset
\if :known
SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('customer:' || :customer_id::text, 0))) AS locked;
SELECT c1_0.id, c1_0.anonymous, c1_0.created_at, c1_0.erased_at, c1_0.language, c1_0.merged_into, c1_0.metadata,
       c1_0.risk_flags, c1_0.company, c1_0.display_name, c1_0.segments, c1_0.tags, c1_0.tier, c1_0.updated_at, c1_0.version
  FROM customer c1_0 WHERE c1_0.id = :customer_id;
SELECT ci1_0.id, ci1_0.created_at, ci1_0.customer_id, ci1_0.kind, ci1_0.network, ci1_0.value, ci1_0.value_index, ci1_0.verified
  FROM customer_identifier ci1_0
  WHERE ci1_0.kind = 'email' AND ci1_0.network = '' AND ci1_0.value_index = :value_index AND ci1_0.verified = true
  FETCH FIRST 1 ROWS ONLY;
\else
INSERT INTO customer (anonymous, created_at, erased_at, language, merged_into, metadata, risk_flags, company, display_name,
                      segments, tags, tier, updated_at, version, id)
  VALUES (false, now(), NULL, NULL, NULL, '{}', '{}', NULL, NULL, '{}', '{}', 'standard', now(), 0, :customer_id);
INSERT INTO audit_log (action, actor, actor_type, actor_version, after_state, before_state, entity_id, entity_type, occurred_at)
  VALUES ('created', 'identity-resolution', 'system', NULL, '{"tags": [], "tier": "standard", "company": null, "segments": [], "anonymous": false, "riskFlags": [], "mergedInto": null, "displayName": null}',
          NULL, :customer_id, 'customer', now()) RETURNING id;
SELECT ci1_0.id, ci1_0.created_at, ci1_0.customer_id, ci1_0.kind, ci1_0.network, ci1_0.value, ci1_0.value_index, ci1_0.verified
  FROM customer_identifier ci1_0
  WHERE ci1_0.kind = 'email' AND ci1_0.network = '' AND ci1_0.value_index = :value_index AND ci1_0.verified = true
  FETCH FIRST 1 ROWS ONLY;
SELECT ci1_0.id, ci1_0.created_at, ci1_0.customer_id, ci1_0.kind, ci1_0.network, ci1_0.value, ci1_0.value_index, ci1_0.verified
  FROM customer_identifier ci1_0
  WHERE ci1_0.customer_id = :customer_id AND ci1_0.kind = 'email' AND ci1_0.network = '' AND ci1_0.value_index = :value_index
    AND ci1_0.verified = false FETCH FIRST 1 ROWS ONLY;
SELECT dk1_0.id, dk1_0.created_at, dk1_0.customer_id, dk1_0.destroyed_at, dk1_0.master_key_id, dk1_0.purpose, dk1_0.wrapped
  FROM privacy_data_key dk1_0 WHERE dk1_0.purpose = 'customer' AND dk1_0.customer_id = :customer_id FETCH FIRST 1 ROWS ONLY;
INSERT INTO outbox_event (aggregate_id, attempts, next_attempt_at, occurred_at, payload, published_at, topic, id)
  VALUES (:customer_id, 0, NULL, now(), jsonb_build_object('change', 'created', 'customerId', :customer_id::text), NULL,
          'customer.updated', gen_random_uuid());
INSERT INTO privacy_data_key (id, purpose, customer_id, wrapped, master_key_id, created_at)
  VALUES (gen_random_uuid(), 'customer', :customer_id, substring(sha512(random()::text::bytea) || sha512(random()::text::bytea) from 1 for 60), 'b3a95252512013f7', now());
INSERT INTO customer_identifier (created_at, customer_id, kind, network, value, value_index, verified, id)
  VALUES (now(), :customer_id, 'email', '', ('enc' || chr(58) || '1' || chr(58) || '') || encode(substring(sha512(random()::text::bytea) || sha512(random()::text::bytea) from 1 for 72), 'base64'), :value_index, true, gen_random_uuid());
INSERT INTO audit_log (action, actor, actor_type, actor_version, after_state, before_state, entity_id, entity_type, occurred_at)
  VALUES ('identifier-learned', 'identity-resolution', 'system', NULL, '{"kind": "email", "network": ""}', NULL,
          :customer_id, 'customer', now()) RETURNING id;
INSERT INTO outbox_event (aggregate_id, attempts, next_attempt_at, occurred_at, payload, published_at, topic, id)
  VALUES (:customer_id, 0, NULL, now(), jsonb_build_object('change', 'identifiers', 'customerId', :customer_id::text), NULL,
          'customer.updated', gen_random_uuid());
\endif
SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('conversations-of:' || :customer_id::text, 0))) AS locked;
SELECT count(*) AS has_conversation, coalesce(min(c1_0.id::text), gen_random_uuid()::text) AS conversation_id,
       coalesce(min(c1_0.version), 0) AS version
  FROM (SELECT c1_0.id, c1_0.assigned_agent_id, c1_0.channels_used, c1_0.content_redacted_at, c1_0.created_at,
               c1_0.current_channel, c1_0.customer_id, c1_0.first_response_due_at, c1_0.handling_mode, c1_0.intent,
               c1_0.last_message_at, c1_0.moved_by_merge_id, c1_0.next_response_due_at, c1_0.previous_conversation_id,
               c1_0.priority, c1_0.queue, c1_0.required_skills, c1_0.resolution_due_at, c1_0.resolution_id, c1_0.resolved_at,
               c1_0.handoff_brief, c1_0.severity, c1_0.sla_breached, c1_0.state, c1_0.tags, c1_0.triaged_at,
               c1_0.updated_at, c1_0.version
        FROM conversation c1_0 WHERE c1_0.customer_id = :customer_id ORDER BY c1_0.last_message_at DESC
        FETCH FIRST 1 ROWS ONLY) c1_0 \gset
\if :has_conversation = 0
INSERT INTO conversation (assigned_agent_id, channels_used, content_redacted_at, created_at, current_channel, customer_id,
                          first_response_due_at, handling_mode, intent, last_message_at, moved_by_merge_id,
                          next_response_due_at, previous_conversation_id, priority, queue, required_skills, resolution_due_at,
                          resolution_id, resolved_at, handoff_brief, severity, sla_breached, state, tags, triaged_at,
                          updated_at, version, id)
  VALUES (NULL, '{email}', NULL, now(), 'email', :customer_id, NULL, NULL, NULL, now(), NULL, NULL, NULL, NULL, NULL, '{}',
          NULL, NULL, NULL, NULL, NULL, false, 'open', '{}', NULL, now(), 0, :conversation_id);
INSERT INTO conversation_state_change (actor, changed_at, conversation_id, from_state, reason, to_state, id)
  VALUES (('system' || chr(58) || 'ingestion'), now(), :conversation_id, NULL, ('enc' || chr(58) || '1' || chr(58) || '') || encode(substring(sha512(random()::text::bytea) || sha512(random()::text::bytea) from 1 for 54), 'base64'), 'open', gen_random_uuid());
INSERT INTO audit_log (action, actor, actor_type, actor_version, after_state, before_state, entity_id, entity_type, occurred_at)
  VALUES ('created', 'ingestion', 'system', NULL, jsonb_build_object('queue', NULL, 'state', 'open', 'customerId', :customer_id::text, 'currentChannel', 'email'),
          NULL, :conversation_id, 'conversation', now()) RETURNING id;
INSERT INTO outbox_event (aggregate_id, attempts, next_attempt_at, occurred_at, payload, published_at, topic, id)
  VALUES (:conversation_id, 0, NULL, now(), jsonb_build_object('channel', 'email', 'customerId', :customer_id::text,
          'conversationId', :conversation_id::text, 'previousConversationId', NULL), NULL, 'conversation.created', gen_random_uuid());
\endif
INSERT INTO message (ai_confidence, ai_intent, author, channel, conversation_id, created_at, delivery_status, direction,
                     external_id, language, received_at, ai_annotations, content, sender_customer_id, thread_ref, id)
  VALUES (NULL, NULL, NULL, 'email', :conversation_id, now(), NULL, 'inbound', :external_id, NULL, now(), '{}',
          ('enc' || chr(58) || '1' || chr(58) || '') || encode(substring(sha512(random()::text::bytea) || sha512(random()::text::bytea) from 1 for 90), 'base64'), :customer_id, NULL, :message_id);
INSERT INTO message_search_term (term, message_id, conversation_id)
  SELECT unnest(string_to_array(:terms, ',')), :message_id, :conversation_id ON CONFLICT DO NOTHING;
\if :has_conversation = 0
INSERT INTO conversation_state_change (actor, changed_at, conversation_id, from_state, reason, to_state, id)
  VALUES (('system' || chr(58) || 'ingestion'), now(), :conversation_id, 'open', ('enc' || chr(58) || '1' || chr(58) || '') || encode(substring(sha512(random()::text::bytea) || sha512(random()::text::bytea) from 1 for 48), 'base64'), 'awaiting_agent', gen_random_uuid());
INSERT INTO audit_log (action, actor, actor_type, actor_version, after_state, before_state, entity_id, entity_type, occurred_at)
  VALUES ('state-changed', 'ingestion', 'system', NULL, jsonb_build_object('state', 'awaiting_agent', 'customerId', :customer_id::text),
          jsonb_build_object('state', 'open', 'customerId', :customer_id::text), :conversation_id, 'conversation', now()) RETURNING id;
INSERT INTO outbox_event (aggregate_id, attempts, next_attempt_at, occurred_at, payload, published_at, topic, id)
  VALUES (:conversation_id, 0, NULL, now(), jsonb_build_object('to', 'awaiting_agent', 'from', 'open', 'actor', ('system' || chr(58) || 'ingestion'),
          'conversationId', :conversation_id::text), NULL, 'conversation.state_changed', gen_random_uuid());
\endif
INSERT INTO outbox_event (aggregate_id, attempts, next_attempt_at, occurred_at, payload, published_at, topic, id)
  VALUES (:conversation_id, 0, NULL, now(), jsonb_build_object('tier', 'standard', 'channel', 'email', 'mergeIds', '[]'::jsonb,
          'messageId', :message_id::text, 'customerId', :customer_id::text, 'conversationId', :conversation_id::text), NULL,
          'message.received', gen_random_uuid());
UPDATE conversation SET last_message_at = now(), updated_at = now(), state = 'awaiting_agent', version = :version + 1
  WHERE id = :conversation_id AND version = :version;
COMMIT;
