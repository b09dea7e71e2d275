-- The classifier's intent and confidence for each inbound message, in clear (neither quotes the
-- customer), so analysts can list the messages it was least sure of and label them.
ALTER TABLE message ADD COLUMN ai_intent text;
ALTER TABLE message ADD COLUMN ai_confidence double precision;
CREATE INDEX message_unsure_idx ON message (ai_confidence, created_at) WHERE ai_confidence IS NOT NULL;

-- How well the classifier did on the product's fixed validation messages
-- (firstcontact/validation-messages.csv) with the examples up to each example-set version:
-- the learning report compares each version with the one before.
CREATE TABLE example_set_evaluation (
    example_set_version  integer PRIMARY KEY,
    examples             integer NOT NULL,
    validation_messages  integer NOT NULL,
    correct              integer NOT NULL,
    macro_f1             double precision NOT NULL,
    evaluated_at         timestamptz NOT NULL
);
