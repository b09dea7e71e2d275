-- When a customer was erased: their data key destroyed, identifiers and profile removed. The row stays,
-- so their conversations stay as shells (ids, states, timestamps, SLA figures) and metrics stay right.
ALTER TABLE customer ADD COLUMN erased_at timestamptz;
