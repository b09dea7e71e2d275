-- Attachment files (and the raw e-mail kept as original.eml) are sealed under the customer's data key and
-- stored under the SHA-256 of the sealed bytes, so no file is shared between customers any more. Files
-- stored before are plain (sealed = false) until AttachmentSealing seals them at the next start.
ALTER TABLE attachment ADD COLUMN sealed boolean NOT NULL DEFAULT false;
CREATE INDEX attachment_plain_idx ON attachment (id) WHERE NOT sealed;
