-- Runs once, when the postgres container initialises an EMPTY data volume
-- (files in /docker-entrypoint-initdb.d are ignored on later starts).
-- It runs as POSTGRES_USER (continuum), the superuser of this instance, so the
-- new database is owned by that role; Keycloak connects with the same
-- credentials (see KC_DB_* in docker-compose.yml). Keycloak creates its own
-- tables in it at first start, apart from the application's `continuum` database.
CREATE DATABASE keycloak;
