-- When a hand-off's first-response timer was seen stored by the jobs service, or no longer needed (timers/LostTimers):
-- until then the hand-off is looked at again, and its timer scheduled again if the request for it was lost.
ALTER TABLE handoff ADD COLUMN timer_settled_at timestamptz;
CREATE INDEX handoff_timer_unsettled_idx ON handoff (created_at) WHERE timer_settled_at IS NULL;
