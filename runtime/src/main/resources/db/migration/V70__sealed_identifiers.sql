-- Identifiers' values, customers' names and companies, the identifier a merge matched on and the address of
-- an e-mail confirmation are stored sealed under the customer's data key ('enc:1:…', see PersonalData).
-- Look-ups and uniqueness use a keyed blind index of the normalised value (HMAC-SHA256, see BlindIndex),
-- never the value. Rows written before this version are sealed and indexed by a job at start
-- (identity.SealingPlaintextIdentities); until then their index is null and they find nobody.
ALTER TABLE customer_identifier ADD COLUMN value_index text;
DROP INDEX customer_identifier_verified_key;
DROP INDEX customer_identifier_value_idx;
CREATE UNIQUE INDEX customer_identifier_verified_key ON customer_identifier (kind, network, value_index) WHERE verified;
CREATE INDEX customer_identifier_index_idx ON customer_identifier (kind, network, value_index);
-- names are sealed: nothing can search them any more
DROP INDEX customer_display_name_idx;

ALTER TABLE email_confirmation ADD COLUMN email_index text;
DROP INDEX email_confirmation_address_idx;
CREATE INDEX email_confirmation_address_idx ON email_confirmation (customer_id, email_index);
-- a confirmation of a customer since erased keeps no address and its link works no more
ALTER TABLE email_confirmation DROP CONSTRAINT email_confirmation_status_check;
ALTER TABLE email_confirmation ADD CONSTRAINT email_confirmation_status_check
    CHECK (status IN ('pending', 'sent', 'confirmed', 'superseded', 'failed', 'erased'));
