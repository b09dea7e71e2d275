-- Agents and waiting conversations for bench/routing.sh, sized by the settings bench.agents and bench.queued.
-- Skills and languages come from routing.dmn's vocabulary, so a match is as selective as in production.
-- Agents: 60 % available, 15 % busy, 15 % away, 10 % offline, each on three to six of six channels with one to
-- five slots there and a random share of them taken. Conversations: spread over the channels, most needing one
-- skill or none, a few a language, 2 % a combination almost nobody has (they wait, and every push weighs them).
CREATE TEMP TABLE skill_pool AS
SELECT unnest(ARRAY['payments','refunds','account-security','technical-support','engineering-liaison',
                    'trust-and-safety','enterprise-support']) AS skill;
CREATE TEMP TABLE channel_pool AS
SELECT unnest(ARRAY['email','web_chat','whatsapp','sms','messenger','instagram']) AS channel;

INSERT INTO agent (id, username, name, skills, languages, channels, teams, routing_skills, status, status_changed_at, created_at)
SELECT gen_random_uuid(), 'bench-agent-' || n, 'Bench agent ' || n, s.skills, l.languages, c.channels, '{}',
       s.skills || (SELECT coalesce(array_agg('lang-' || language), '{}') FROM unnest(l.languages) language),
       CASE WHEN r < 0.60 THEN 'available' WHEN r < 0.75 THEN 'busy' WHEN r < 0.90 THEN 'away' ELSE 'offline' END,
       now() - random() * interval '8 hours', now() - interval '30 days'
FROM (SELECT n, random() AS r FROM generate_series(1, current_setting('bench.agents')::int) n) a
CROSS JOIN LATERAL (SELECT coalesce(array_agg(skill), '{}') AS skills FROM skill_pool WHERE random() < 0.3 + n * 0) s
CROSS JOIN LATERAL (SELECT ARRAY['en'] || CASE WHEN random() < 0.2 + n * 0 THEN ARRAY['es'] ELSE '{}' END
                           || CASE WHEN random() < 0.1 + n * 0 THEN ARRAY['fr'] ELSE '{}' END AS languages) l
CROSS JOIN LATERAL (SELECT array_agg(channel) AS channels FROM channel_pool
                    WHERE channel IN ('email', 'web_chat', 'whatsapp') OR random() < 0.5 + n * 0) c;

INSERT INTO agent_channel_load (agent_id, channel, capacity, active)
SELECT a.id, c.channel, cap.slots, floor(random() * (cap.slots + 1))::int
FROM agent a
CROSS JOIN LATERAL unnest(a.channels) c(channel)
CROSS JOIN LATERAL (SELECT (1 + floor(random() * 5))::int + (length(c.channel) * 0) AS slots) cap;

INSERT INTO routing_queue_entry (conversation_id, queue, channel, required_skills, priority, breach_at, enqueued_at)
SELECT gen_random_uuid(),
       (ARRAY['general','payments','technical','accounts','trust-and-safety'])[1 + floor(random() * 5)::int],
       (ARRAY['email','email','web_chat','web_chat','whatsapp','whatsapp','sms','messenger','instagram'])[1 + floor(random() * 9)::int],
       CASE WHEN r < 0.30 THEN '{}'::text[]
            WHEN r < 0.50 THEN ARRAY['payments']
            WHEN r < 0.60 THEN ARRAY['refunds']
            WHEN r < 0.75 THEN ARRAY['technical-support']
            WHEN r < 0.85 THEN ARRAY['account-security']
            WHEN r < 0.90 THEN ARRAY['trust-and-safety']
            WHEN r < 0.95 THEN ARRAY['lang-es']
            WHEN r < 0.98 THEN ARRAY['payments','lang-fr']
            ELSE ARRAY['enterprise-support','engineering-liaison','trust-and-safety','lang-fr'] END,
       1 + floor(random() * 4)::int, now() + random() * interval '4 hours', now() - random() * interval '2 hours'
FROM (SELECT n, random() AS r FROM generate_series(1, current_setting('bench.queued')::int) n) q;

ANALYZE agent;
ANALYZE agent_channel_load;
ANALYZE routing_queue_entry;
