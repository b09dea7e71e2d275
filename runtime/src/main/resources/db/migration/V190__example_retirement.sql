-- Examples can be taken back. A supervisor reverts an example-set version whose labels made the classifier worse
-- (its examples stay, marked retired in the new version); erasing a customer deletes the examples made from their
-- messages. Either is a new example-set version, so every node rebuilds its classifier from the examples that remain.
-- An example made from a customer's message (a correction, a label from the review list) keeps the message's id.
ALTER TABLE intent_example ADD COLUMN message_id uuid;
ALTER TABLE intent_example ADD COLUMN retired_in_version integer;
CREATE INDEX intent_example_message_idx ON intent_example (message_id) WHERE message_id IS NOT NULL;
ALTER TABLE intent_example DROP CONSTRAINT intent_example_source_check;
ALTER TABLE intent_example ADD CONSTRAINT intent_example_source_check
    CHECK (source IN ('builtin', 'api', 'import', 'correction', 'review'));

CREATE TABLE example_set_retirement (
    example_set_version integer     PRIMARY KEY,
    reason              text        NOT NULL CHECK (reason IN ('revert', 'erasure')),
    -- the version a revert took back; null for an erasure
    reverted_version    integer,
    examples            integer     NOT NULL,
    created_at          timestamptz NOT NULL,
    created_by          text        NOT NULL
);
