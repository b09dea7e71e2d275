-- How channel-reply.dmn decided a reply may reach the customer (free-form, template, email, undeliverable):
-- decided once, when the reply is queued, and read by every attempt after it.
ALTER TABLE delivery ADD COLUMN reply_mode text;
