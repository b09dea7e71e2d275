-- An example's embedding is kept with it, with the model that made it, so a node that starts (or rebuilds its
-- classifier after a revert) reads the vectors instead of running the model over every example again: a trained
-- example set of thousands would otherwise take tens of seconds of embedding at each start. A vector from another
-- model is ignored and replaced. Deleted with its example (an erased customer's corrections take theirs along).
ALTER TABLE intent_example ADD COLUMN embedding bytea, ADD COLUMN embedding_model text;
