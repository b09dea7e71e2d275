-- Customer satisfaction surveys: one per resolution of a conversation, sent on the customer's channel, answered
-- once (1 to 5 and an optional comment, sealed under the customer's data key like other customer content).
-- The agent, queue and channel are those of the conversation when the survey was requested, so the metrics
-- credit the people and the queue that handled it.
CREATE TABLE csat_survey (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id),
    customer_id     uuid        NOT NULL,
    resolved_at     timestamptz NOT NULL,
    agent_id        text,
    queue           text,
    channel         text        NOT NULL,
    message_id      uuid,
    requested_by    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    score           smallint CHECK (score BETWEEN 1 AND 5),
    comment         text,
    answered_via    text,
    answered_at     timestamptz,
    CHECK ((score IS NULL) = (answered_at IS NULL)),
    -- one survey per resolution: asking again for the same resolution returns the survey already out
    UNIQUE (conversation_id, resolved_at)
);
CREATE INDEX csat_survey_by_requested_at ON csat_survey (requested_at);
CREATE INDEX csat_survey_by_message ON csat_survey (message_id);

-- The survey's words, editable by supervisors like every customer communication ({{link}}: the signed link).
INSERT INTO communication_template (name, language, body, updated_by, updated_at) VALUES
('csat-question', 'en', 'How did we do? Please rate our help from 1 (poor) to 5 (excellent).', 'system', now()),
('csat-question', 'es', '¿Qué tal lo hicimos? Valore nuestra ayuda de 1 (mala) a 5 (excelente).', 'system', now()),
('csat-survey', 'en', '{{question}} Rate it here: {{link}}', 'system', now()),
('csat-survey', 'es', '{{question}} Valórela aquí: {{link}}', 'system', now());
