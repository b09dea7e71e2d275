-- Which demo data sets this database holds. The demo history is written by the first node to insert its row
-- (the others find it there and skip); finished_at stays empty when a crash interrupted the load.
CREATE TABLE demo_data_load (
    name          text PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    conversations integer
);
