-- Each Slack call of a swarm, recorded and committed BEFORE it is made (started_at) and marked when
-- it is known to have happened (done_at, with its result: the channel id, the message ts). A retry
-- after a failure then knows what may already exist in Slack and checks there instead of repeating it.
-- step: channel, invite, post:<what>, archive
CREATE TABLE swarm_step (
    resolution_id uuid        NOT NULL,
    step          text        NOT NULL,
    result        text,
    started_at    timestamptz NOT NULL,
    done_at       timestamptz,
    PRIMARY KEY (resolution_id, step)
);
