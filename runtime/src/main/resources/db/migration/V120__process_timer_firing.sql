-- Which node fires a process timer that several nodes hold in memory (cluster/ProcessTimerFirings): one row per
-- (timer, due time), claimed by the first node to fire it, marked fired once the process took it.
CREATE TABLE process_timer_firing (
    job_id     text        NOT NULL,
    due_at     timestamptz NOT NULL,
    node       text        NOT NULL,
    claimed_at timestamptz NOT NULL,
    fired_at   timestamptz,
    PRIMARY KEY (job_id, due_at)
);
CREATE INDEX process_timer_firing_fired_at ON process_timer_firing (fired_at);
