-- Sentence embeddings (all-MiniLM-L6-v2: 384 little-endian float32, unit length) for semantic search.
-- They are derived data: computed from the rows they point at, recomputed if lost.

-- Passages of an article version: 0 is the title with the tags, then the body in paragraphs.
-- Semantic search scores an article by its best passage.
CREATE TABLE kb_article_embedding (
    article_id uuid    NOT NULL,
    version    integer NOT NULL,
    passage    integer NOT NULL CHECK (passage >= 0),
    text       text    NOT NULL,
    vector     bytea   NOT NULL CHECK (octet_length(vector) = 384 * 4),
    PRIMARY KEY (article_id, version, passage),
    FOREIGN KEY (article_id, version) REFERENCES kb_article_version (article_id, version) ON DELETE CASCADE
);

-- The first customer message of each triaged conversation: what similar-case lookup compares.
CREATE TABLE case_embedding (
    conversation_id uuid        PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    intent          text,
    vector          bytea       NOT NULL CHECK (octet_length(vector) = 384 * 4),
    created_at      timestamptz NOT NULL
);
CREATE INDEX case_embedding_created_idx ON case_embedding (created_at, conversation_id);
