-- What first contact decided about a conversation: severity, queue, skills, handling mode, priority.
ALTER TABLE conversation
    ADD COLUMN severity        text,
    ADD COLUMN priority        integer,
    ADD COLUMN handling_mode   text,
    ADD COLUMN required_skills text[] NOT NULL DEFAULT '{}',
    ADD COLUMN triaged_at      timestamptz;
