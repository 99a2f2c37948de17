#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 and that the databases
# `hotline` and `hotline_test` exist. Idempotent; safe to run any number of times.
#
#   bash infra/postgres.sh
#
# Starts the installed cluster when it is down; installs Debian's `postgresql`
# package when PostgreSQL is missing (needs root or sudo). A fresh install is
# given trust auth on the loopback addresses, as on the project's machines.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
DATABASES=(hotline hotline_test)

say() { echo "[postgres] $*"; }
die() { echo "[postgres] ERROR: $*" >&2; exit 1; }

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

is_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

installed_version() {
  [[ -d /etc/postgresql ]] || return 1
  local v
  v="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$v" ]] && command -v pg_ctlcluster >/dev/null 2>&1 && echo "$v"
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available; install PostgreSQL 15+ yourself"
  say "PostgreSQL is not installed; installing Debian's postgresql package"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  local v; v="$(installed_version)" || die "apt-get installed postgresql but no cluster config appeared under /etc/postgresql"
  [[ -d "/etc/postgresql/$v/main" ]] || as_root pg_createcluster "$v" main
  # Trust auth on loopback, as on the project's machines (local development only).
  local hba="/etc/postgresql/$v/main/pg_hba.conf"
  if ! grep -q 'hotline-hub' "$hba"; then
    as_root sh -c "printf '%s\n' '# hotline-hub: trust on loopback (infra/postgres.sh)' \
      'host all all 127.0.0.1/32 trust' 'host all all ::1/128 trust' | cat - '$hba' > '$hba.new' && mv '$hba.new' '$hba' && chown postgres:postgres '$hba'"
  fi
}

start_cluster() {
  local v; v="$(installed_version)" || return 1
  if [[ ! -d "/etc/postgresql/$v/main" ]]; then
    say "creating cluster $v/main"
    as_root pg_createcluster "$v" main
  fi
  say "starting cluster $v/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
  local i
  for ((i = 0; i < 60; i++)); do is_ready && return 0; sleep 0.5; done
  as_root tail -n 20 "/var/log/postgresql/postgresql-$v-main.log" >&2 2>/dev/null || true
  die "cluster $v/main did not accept connections on $PG_HOST:$PG_PORT within 30 s"
}

# psql as the postgres superuser: over TCP (trust auth), else over the socket as the OS user postgres.
psql_super() {
  if psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c 'select 1' >/dev/null 2>&1; then
    psql -X -q -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"
  elif [[ "$(id -u)" -eq 0 ]] && command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
  else
    die "cannot connect to $PG_HOST:$PG_PORT as $PG_USER (no trust auth and not root)"
  fi
}

ensure_database() {
  local db="$1"
  if [[ "$(psql_super -tAc "select 1 from pg_database where datname = '$db'")" == 1 ]]; then
    say "database $db exists"
    return 0
  fi
  # A concurrent run may create it between the check and here; accept that.
  if psql_super -c "create database \"$db\"" >/dev/null 2>&1 \
     || [[ "$(psql_super -tAc "select 1 from pg_database where datname = '$db'")" == 1 ]]; then
    say "database $db created"
  else
    die "could not create database $db"
  fi
}

main() {
  if is_ready; then
    say "PostgreSQL accepts connections on $PG_HOST:$PG_PORT"
  else
    if ! installed_version >/dev/null; then install_postgres; fi
    start_cluster || die "could not start PostgreSQL"
    say "PostgreSQL accepts connections on $PG_HOST:$PG_PORT"
  fi
  local db
  for db in "${DATABASES[@]}"; do ensure_database "$db"; done
  say "server $(psql_super -tAc 'show server_version'); DATABASE_URL=postgres://$PG_USER@$PG_HOST:$PG_PORT/hotline"
}

main "$@"
