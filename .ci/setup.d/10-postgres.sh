#!/usr/bin/env bash
# PostgreSQL for the database tests: Debian's server on 127.0.0.1:5432 with a role and a database
# `vnextract` (password `vnextract`). Idempotent and quick when already installed and running.
# The tests read VNEXTRACT_TEST_PG (default postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract).
set -euo pipefail

PORT=5432
ROLE=vnextract
PASSWORD=vnextract
DATABASE=vnextract

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "10-postgres: installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# The newest installed major version.
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)

# A cluster on our port: reuse the one that is there, else create `main`.
CLUSTER=$(pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" -v p="$PORT" '$1 == v && $3 == p {print $2; exit}')
if [ -z "$CLUSTER" ]; then
  CLUSTER=main
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" '$1 == v && $2 == "main" {f=1} END {exit !f}'; then
    echo "10-postgres: creating cluster $VERSION/$CLUSTER on port $PORT"
    pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >/dev/null
  fi
fi
# Loopback only: nothing outside this machine can reach the test server (a conf.d drop-in, so
# Debian's postgresql.conf stays as shipped; its include_dir reads conf.d/*.conf last).
CONF_D=/etc/postgresql/$VERSION/$CLUSTER/conf.d
mkdir -p "$CONF_D"
printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$PORT" >"$CONF_D/vnextract-tests.conf"

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" {f=1} END {exit !f}'; then
  echo "10-postgres: starting cluster $VERSION/$CLUSTER"
  pg_ctlcluster "$VERSION" "$CLUSTER" start
elif ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  echo "10-postgres: restarting cluster $VERSION/$CLUSTER to listen on 127.0.0.1:$PORT"
  pg_ctlcluster "$VERSION" "$CLUSTER" restart
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { echo "10-postgres: server not ready" >&2; exit 1; }

as_postgres() { (cd / && runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"); }
if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  as_postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  as_postgres -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi
# Debian's default pg_hba.conf allows password (scram) logins from 127.0.0.1: check it works.
PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DATABASE" -qtAc "SELECT 1" >/dev/null
echo "10-postgres: ready on 127.0.0.1:$PORT (database $DATABASE)"
