-- When an analyst labelled the AI's reading of an inbound message from the unsure list: the message became an
-- example and leaves the list. Set once (a second label is refused), so two analysts cannot label it twice.
ALTER TABLE message ADD COLUMN labelled_at timestamptz;
