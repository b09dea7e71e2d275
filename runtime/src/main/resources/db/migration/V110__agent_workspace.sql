-- The agent workspace: what each person has read, and the inbox filters they saved.

-- When a person last opened a conversation: newer customer messages mark it unread for them.
CREATE TABLE conversation_read (
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    username        text        NOT NULL,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, username)
);

-- An inbox filter a person named and kept ("P0 on WhatsApp", "mine, waiting longest").
CREATE TABLE inbox_saved_view (
    id         uuid PRIMARY KEY,
    owner      text        NOT NULL,
    name       text        NOT NULL,
    filter     jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (owner, name)
);
