-- Resolutions: one engineering fix, many customers. Engineers work the Resolution; agents and the
-- resolution process keep every linked customer informed. Nothing here is ever deleted.
CREATE SEQUENCE resolution_case_seq START 1001;

CREATE TABLE resolution (
    id                   uuid PRIMARY KEY,
    case_ref             text        NOT NULL UNIQUE,
    title                text        NOT NULL,
    issue_type           text        NOT NULL,
    owning_team          text        NOT NULL,
    status               text        NOT NULL,
    -- the expected resolution window, only ever set by an engineer
    eta_window_start     timestamptz,
    eta_window_end       timestamptz,
    eta_set_by           text,
    root_cause           text,
    fix_description      text,
    summary              text,
    swarm_channel_id     text,
    swarm_status         text        NOT NULL DEFAULT 'none',
    swarm_participants   text[]      NOT NULL DEFAULT '{}',
    process_instance_id  text,
    update_interval      text,
    next_update_due_at   timestamptz,
    clock_started_at     timestamptz NOT NULL,
    clock_paused_at      timestamptz,
    paused_seconds       bigint      NOT NULL DEFAULT 0,
    knowledge_article_id uuid,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    resolved_at          timestamptz,
    version              bigint      NOT NULL DEFAULT 0
);
CREATE INDEX resolution_status_idx ON resolution (status, created_at);
CREATE UNIQUE INDEX resolution_swarm_channel_idx ON resolution (swarm_channel_id) WHERE swarm_channel_id IS NOT NULL;

-- Conversations a Resolution serves, each with the channel its customer hears from us on
CREATE TABLE resolution_link (
    resolution_id        uuid        NOT NULL REFERENCES resolution (id),
    conversation_id      uuid        NOT NULL REFERENCES conversation (id),
    continuation_channel text        NOT NULL,
    language             text        NOT NULL,
    linked_by            text        NOT NULL,
    linked_at            timestamptz NOT NULL,
    unlinked_at          timestamptz,
    PRIMARY KEY (resolution_id, conversation_id)
);
CREATE INDEX resolution_link_conversation_idx ON resolution_link (conversation_id);

CREATE TABLE resolution_status_change (
    id            uuid PRIMARY KEY,
    resolution_id uuid        NOT NULL REFERENCES resolution (id),
    from_status   text,
    to_status     text        NOT NULL,
    actor         text        NOT NULL,
    changed_at    timestamptz NOT NULL
);
CREATE INDEX resolution_status_change_idx ON resolution_status_change (resolution_id, changed_at);

-- Internal notes: from the API or from engineers' replies in the Slack swarm channel (external_id = Slack ts)
CREATE TABLE resolution_note (
    id            uuid PRIMARY KEY,
    resolution_id uuid        NOT NULL REFERENCES resolution (id),
    author        text        NOT NULL,
    content       text        NOT NULL,
    source        text        NOT NULL,
    external_id   text,
    created_at    timestamptz NOT NULL
);
CREATE INDEX resolution_note_idx ON resolution_note (resolution_id, created_at);
CREATE UNIQUE INDEX resolution_note_external_idx ON resolution_note (resolution_id, external_id) WHERE external_id IS NOT NULL;

-- What customers were told. (resolution_id, kind, tick) is unique: the acknowledgement, each proactive
-- update tick and the resolution notice go out at most once, even when a timer fires again after a crash.
CREATE TABLE resolution_update (
    id            uuid PRIMARY KEY,
    resolution_id uuid        NOT NULL REFERENCES resolution (id),
    kind          text        NOT NULL,
    tick          integer     NOT NULL,
    author        text        NOT NULL,
    content       text,
    status        text        NOT NULL,
    recipients    integer     NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (resolution_id, kind, tick)
);

-- Customer communication templates a supervisor edits without code; {{placeholders}} are filled per message
CREATE TABLE communication_template (
    name       text        NOT NULL,
    language   text        NOT NULL,
    body       text        NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (name, language)
);
INSERT INTO communication_template (name, language, body, updated_by, updated_at) VALUES
('resolution-acknowledgement', 'en',
 'We are on it. Your case id is {{caseId}}. Our engineers are investigating "{{title}}". {{window}} We will keep you updated here.',
 'system', now()),
('resolution-acknowledgement', 'es',
 'Estamos en ello. Su número de caso es {{caseId}}. Nuestros ingenieros investigan "{{title}}". {{window}} Le mantendremos informado aquí.',
 'system', now()),
('resolution-update', 'en',
 'Update on case {{caseId}}: status {{status}}. {{latest}} {{window}}',
 'system', now()),
('resolution-update', 'es',
 'Novedades del caso {{caseId}}: estado {{status}}. {{latest}} {{window}}',
 'system', now()),
('resolution-resolved', 'en',
 'Case {{caseId}} is resolved. {{fix}} Thank you for your patience. Reply here if anything still looks wrong.',
 'system', now()),
('resolution-resolved', 'es',
 'El caso {{caseId}} está resuelto. {{fix}} Gracias por su paciencia. Responda aquí si algo sigue sin funcionar.',
 'system', now()),
('resolution-window-set', 'en', 'Our engineers expect to resolve it between {{windowStart}} and {{windowEnd}}.', 'system', now()),
('resolution-window-set', 'es', 'Nuestros ingenieros prevén resolverlo entre {{windowStart}} y {{windowEnd}}.', 'system', now()),
('resolution-window-unset', 'en', 'There is no confirmed time for a fix yet; your next update from us is due at {{nextUpdateAt}} at the latest.', 'system', now()),
('resolution-window-unset', 'es', 'Aún no hay una hora confirmada para la solución; nuestra próxima actualización llegará a más tardar a las {{nextUpdateAt}}.', 'system', now()),
('resolution-no-news', 'en', 'Nothing has changed since our last update; our engineers are still working on it.', 'system', now()),
('resolution-no-news', 'es', 'No hay cambios desde nuestra última actualización; nuestros ingenieros siguen trabajando en ello.', 'system', now());
