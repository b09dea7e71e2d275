-- Data keys (AES-256) that seal personal data, wrapped by the master key from configuration: one per
-- customer (destroying it is erasing what it sealed: crypto-shredding) and one that keys the blind
-- indexes of identifiers. Rotating the master key re-wraps these rows and touches no data.
CREATE TABLE privacy_data_key (
    id             uuid PRIMARY KEY,
    purpose        text        NOT NULL CHECK (purpose IN ('customer', 'blind-index')),
    customer_id    uuid,
    -- 12-byte nonce, then the data key sealed with AES-GCM under the master key; null once destroyed
    wrapped        bytea,
    master_key_id  text,
    created_at     timestamptz NOT NULL,
    destroyed_at   timestamptz,
    CHECK ((purpose = 'customer') = (customer_id IS NOT NULL)),
    CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE UNIQUE INDEX privacy_data_key_customer_key ON privacy_data_key (customer_id) WHERE purpose = 'customer';
CREATE UNIQUE INDEX privacy_data_key_blind_index_key ON privacy_data_key (purpose) WHERE purpose = 'blind-index';
