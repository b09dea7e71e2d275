-- Retention: a conversation whose content the retention policy redacted stays as a shell, marked here so it
-- is never redacted again.
ALTER TABLE conversation ADD COLUMN content_redacted_at timestamptz;

-- One row per pass of the retention job. The daily run claims its day (unique), so of several nodes only one
-- runs it; a run an admin starts has no day.
CREATE TABLE retention_run (
    id            uuid PRIMARY KEY,
    scheduled_day date UNIQUE,
    started_by    text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    evaluated     integer     NOT NULL DEFAULT 0,
    kept          integer     NOT NULL DEFAULT 0,
    redacted      integer     NOT NULL DEFAULT 0,
    erased        integer     NOT NULL DEFAULT 0,
    failed        integer     NOT NULL DEFAULT 0
);
