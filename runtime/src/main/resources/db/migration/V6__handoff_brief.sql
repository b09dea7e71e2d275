-- The structured brief first contact hands to humans, and the AI's annotations on each message.
ALTER TABLE conversation
    ADD COLUMN handoff_brief jsonb,
    ADD COLUMN intent        text;
