-- Magic-link confirmation of an e-mail address a customer only claimed. Only the SHA-256 of a link's
-- token is kept: the token itself exists in the e-mail alone. A request waits (pending) until the
-- sender mails a fresh token (sent); opening the link confirms it once (confirmed); a newer
-- confirmation of the same address makes older links useless (superseded); a mail that could not be
-- sent after every attempt is failed.
CREATE TABLE email_confirmation (
    id              uuid PRIMARY KEY,
    customer_id     uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    email           text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'confirmed', 'superseded', 'failed')),
    token_hash      text UNIQUE,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    requested_by    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    expires_at      timestamptz,
    confirmed_at    timestamptz
);
CREATE INDEX email_confirmation_due_idx ON email_confirmation (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_confirmation_address_idx ON email_confirmation (customer_id, email);
