-- An identifier is verified when a channel vouched for it, and only verified identifiers find or
-- merge customers. A claim (an address typed into the web chat widget) stays on the claimant's own
-- customer, so the same address may be claimed by many customers while one customer owns it verified.
-- Everything learned before this change was taken as given; it stays in force as verified.
UPDATE customer_identifier SET verified = true;
ALTER TABLE customer_identifier DROP CONSTRAINT customer_identifier_kind_network_value_key;
CREATE UNIQUE INDEX customer_identifier_verified_key ON customer_identifier (kind, network, value) WHERE verified;
CREATE INDEX customer_identifier_value_idx ON customer_identifier (kind, network, value);
