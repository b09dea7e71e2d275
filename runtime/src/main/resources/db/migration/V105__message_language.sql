-- The language first contact detected in an inbound message (ISO 639-1, e.g. "es"), and the
-- latest one a customer wrote in: routing gives language skills from it, knowledge search and
-- replies use it as the locale. Null: not detected (too short, too ambiguous, or not yet read).
ALTER TABLE message ADD COLUMN language text;
ALTER TABLE customer ADD COLUMN language text;
