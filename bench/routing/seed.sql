-- 10,000 agents on four channels (70 % available, random load) and 100,000 waiting conversations.
-- Skills and languages are drawn from routing.dmn's vocabulary so matches are as selective as in production.
CREATE TEMP TABLE skill_pool AS
SELECT unnest(ARRAY['payments','refunds','account-security','technical-support','engineering-liaison',
                    'trust-and-safety','enterprise-support','lang-es']) AS skill;

INSERT INTO agent (id, username, name, skills, languages, channels, teams, routing_skills, status, status_changed_at, created_at)
SELECT gen_random_uuid(), 'bench-agent-' || n, 'Bench agent ' || n, s.skills, ARRAY['en'],
       ARRAY['email','web_chat','whatsapp','sms'], '{}', s.skills,
       CASE WHEN random() < 0.7 THEN 'available' WHEN random() < 0.5 THEN 'busy' ELSE 'away' END,
       now() - (random() * interval '8 hours'), now()
FROM generate_series(1, 10000) n
CROSS JOIN LATERAL (SELECT coalesce(array_agg(skill), '{}') AS skills FROM skill_pool WHERE random() < 0.35 + n * 0) s;

INSERT INTO agent_channel_load (agent_id, channel, capacity, active)
SELECT a.id, c.channel, cap, floor(random() * (cap + 1))::int
FROM agent a
CROSS JOIN (VALUES ('email'), ('web_chat'), ('whatsapp'), ('sms')) c(channel)
CROSS JOIN LATERAL (SELECT (1 + floor(random() * 5))::int + (length(a.id::text) * 0) AS cap) capacity;

INSERT INTO routing_queue_entry (conversation_id, queue, channel, required_skills, priority, breach_at, enqueued_at)
SELECT gen_random_uuid(), 'general',
       (ARRAY['email','web_chat','whatsapp','sms'])[1 + floor(random() * 4)::int],
       CASE WHEN r < 0.3 THEN '{}'::text[]
            WHEN r < 0.6 THEN ARRAY['payments','refunds']
            WHEN r < 0.8 THEN ARRAY['technical-support']
            WHEN r < 0.95 THEN ARRAY['account-security']
            ELSE ARRAY['trust-and-safety','lang-es'] END,
       1 + floor(random() * 4)::int, now() + random() * interval '4 hours', now()
FROM (SELECT n, random() AS r FROM generate_series(1, 100000) n) q;

-- lookup tables for pgbench's random picks (bench only)
CREATE TABLE bench_queue AS SELECT row_number() OVER () AS n, conversation_id FROM routing_queue_entry;
CREATE UNIQUE INDEX ON bench_queue (n);
CREATE TABLE bench_agent AS SELECT row_number() OVER () AS n, id FROM agent;
CREATE UNIQUE INDEX ON bench_agent (n);
ANALYZE;
