-- Search over internal notes, sealed like messages: each note's normalised words as keyed blind indexes, written
-- with the note (notes written before this version are not indexed). Erasure and retention delete a
-- conversation's rows with its message terms.
CREATE TABLE note_search_term (
    term            text NOT NULL,
    note_id         uuid NOT NULL REFERENCES conversation_note (id) ON DELETE CASCADE,
    conversation_id uuid NOT NULL,
    PRIMARY KEY (term, note_id)
);
CREATE INDEX note_search_term_conversation_idx ON note_search_term (conversation_id);
