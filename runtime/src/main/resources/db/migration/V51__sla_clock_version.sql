-- Optimistic locking of SLA clocks: the scheduler (warnedAt, breachedAt) and the clock-following
-- consumer (pause, resume, stop) both update clocks; a stale write fails instead of undoing the other.
ALTER TABLE sla_clock ADD COLUMN version bigint NOT NULL DEFAULT 0;
