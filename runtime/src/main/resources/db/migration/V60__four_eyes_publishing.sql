-- Four-eyes publishing: a policy may require a second person to approve each publication.
-- A request records who asked and who approved or rejected it (and why); at most one request
-- per version waits at a time.

ALTER TABLE policy ADD COLUMN requires_second_approver boolean NOT NULL DEFAULT false;

ALTER TABLE policy_version ADD COLUMN approved_by text;

CREATE TABLE policy_publish_request (
    id              uuid PRIMARY KEY,
    policy_name     text        NOT NULL REFERENCES policy (name),
    version         integer     NOT NULL,
    apply_to_open   boolean     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_by    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    decided_by      text,
    decided_at      timestamptz,
    reason          text,
    FOREIGN KEY (policy_name, version) REFERENCES policy_version (policy_name, version)
);
CREATE INDEX policy_publish_request_policy_idx ON policy_publish_request (policy_name, requested_at DESC);
CREATE UNIQUE INDEX policy_publish_request_one_pending_idx ON policy_publish_request (policy_name, version)
    WHERE status = 'pending';
