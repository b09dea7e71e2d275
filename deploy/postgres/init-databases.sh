#!/bin/bash
# Runs once, when the postgres container initialises an EMPTY data volume (files in
# /docker-entrypoint-initdb.d are ignored on later starts), as the instance's superuser.
# The application and Keycloak each get their own login role, neither a superuser, owning
# their own database: the app's role can change only the `continuum` database, Keycloak's
# only `keycloak`. Passwords come from the compose environment (no defaults).
set -euo pipefail
: "${CONTINUUM_DB_PASSWORD:?}" "${KEYCLOAK_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_password="$CONTINUUM_DB_PASSWORD" -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE continuum LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE continuum OWNER continuum;
REVOKE ALL ON DATABASE continuum FROM PUBLIC;
CREATE ROLE keycloak LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
