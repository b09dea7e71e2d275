-- Open SLA clocks for bench/routing.sh (setting bench.clocks), falling due over the next 30 days: the earliest
-- warning (12 minutes before its due time) is 48 minutes away, so a pass right after finds nothing due.
INSERT INTO sla_clock (id, conversation_id, kind, status, calendar, target_seconds, warning_threshold, policy_version,
                       started_at, warn_at, due_at, next_fire_at)
SELECT gen_random_uuid(), gen_random_uuid(), (ARRAY['first_response','next_response','resolution'])[1 + n % 3], 'running',
       '24x7', 3600, 0.8, 1, now(), d - interval '12 minutes', d, d - interval '12 minutes'
FROM (SELECT n, now() + interval '1 hour' + random() * interval '30 days' AS d
      FROM generate_series(1, current_setting('bench.clocks')::int) n) s;
ANALYZE sla_clock;
