-- Labelled examples the first-contact classifier learns intents from. The built-in set is
-- version 1 (loaded at first start); every later import is one new example-set version.
CREATE TABLE intent_example (
    id                  uuid PRIMARY KEY,
    text                text        NOT NULL CHECK (length(btrim(text)) > 0),
    intent              text        NOT NULL CHECK (intent IN ('how_to_guidance', 'account_access_issue',
                            'transaction_system_failure', 'bug_technical_defect', 'urgent_high_risk', 'noise_low_intent')),
    -- money, security or trust at stake (P0 whatever the intent)
    p0                  boolean     NOT NULL DEFAULT false,
    source              text        NOT NULL CHECK (source IN ('builtin', 'api', 'import', 'correction')),
    example_set_version integer     NOT NULL,
    created_at          timestamptz NOT NULL,
    created_by          text        NOT NULL
);
CREATE INDEX intent_example_version_idx ON intent_example (example_set_version);
