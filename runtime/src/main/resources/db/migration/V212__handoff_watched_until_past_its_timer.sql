-- timers/LostTimers now watches a hand-off until its process is past the first-response timer (answered, escalated,
-- gone), not only until the timer is first seen stored: the jobs service deletes a stored timer whose firing kept failing.
COMMENT ON COLUMN handoff.timer_settled_at IS 'when the hand-off''s process was seen past its first-response timer; null while it waits at it';
