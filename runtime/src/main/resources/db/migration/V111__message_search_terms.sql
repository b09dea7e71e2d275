-- Full-text search over sealed messages: PostgreSQL cannot index text it only sees encrypted, so each message's
-- normalised words are stored as keyed blind indexes (HMAC under the blind-index key), never in clear. Erasure
-- and retention delete a conversation's rows with the rest of what was derived from the customer's words.
CREATE TABLE message_search_term (
    term            text NOT NULL,
    message_id      uuid NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    conversation_id uuid NOT NULL,
    PRIMARY KEY (term, message_id)
);
CREATE INDEX message_search_term_conversation_idx ON message_search_term (conversation_id);
