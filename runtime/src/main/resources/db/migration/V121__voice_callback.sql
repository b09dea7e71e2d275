-- One callback task per call a customer did not get through on (missed, hung up while waiting, or a voicemail).
-- The call's sid is the key, so a redelivered callback or a voicemail after a hang-up never makes a second task.
CREATE TABLE voice_callback (
    call_sid            text PRIMARY KEY,
    conversation_id     uuid NOT NULL,
    reason              text NOT NULL,
    process_instance_id text NOT NULL,
    requested_at        timestamptz NOT NULL
);
