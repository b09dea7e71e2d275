-- Consents per customer and purpose, append-only: a withdrawal is a new record, and the latest record of a
-- purpose is its current state. Nothing here names the person (the text is what every customer was shown);
-- erasing the customer deletes their records all the same.
CREATE TABLE consent_record (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id),
    purpose     text        NOT NULL,
    granted     boolean     NOT NULL,
    source      text        NOT NULL,
    text_shown  text        NOT NULL,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX consent_record_by_customer ON consent_record (customer_id, purpose, recorded_at);

CREATE FUNCTION consent_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent records are append-only: record a withdrawal instead of changing a grant';
END
$$;
CREATE TRIGGER consent_record_no_update BEFORE UPDATE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_is_append_only();
