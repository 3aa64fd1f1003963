# Sourced by ops/run and ops/test: makes a PostgreSQL server reachable and exports PG_HOST, PG_PORT, PG_USER.
# Order: an existing server named by ENGAGEMENT_PG_HOST/PORT; Docker's compose service where a Docker engine
# answers; otherwise the distribution's PostgreSQL in a private cluster run by an unprivileged user.
# A private cluster keeps fsync on, so its data survives a power cut; only a caller that throws its data away
# (ops/test, on a cluster of its own) sets ENGAGEMENT_PG_FSYNC=off.

PG_PORT="${ENGAGEMENT_PG_PORT:-55432}"
PG_USER="${ENGAGEMENT_PG_USER:-postgres}"
PG_HOST="${ENGAGEMENT_PG_HOST:-127.0.0.1}"
PG_DATA="${ENGAGEMENT_PGDATA:-/var/tmp/engagement-pg-$PG_PORT}"
PG_FSYNC="${ENGAGEMENT_PG_FSYNC:-on}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pg_ready() {
  (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "Need root to run: $* (install sudo or run as root)"; return 1; fi
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_postgres_installed() {
  pg_bin >/dev/null && return 0
  log "Installing PostgreSQL from the distribution's packages (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin >/dev/null || { log "PostgreSQL did not install; install it by hand and rerun"; return 1; }
}

# Runs a PostgreSQL binary as the cluster's owner: PostgreSQL refuses to run as root, so as root that is the postgres
# user the package created.
as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_private_cluster() {
  ensure_postgres_installed || return 1
  local bin
  bin="$(pg_bin)"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    mkdir -p "$PG_DATA" && chown postgres "$PG_DATA" && chmod 700 "$PG_DATA"
  else
    mkdir -p "$PG_DATA" && chmod 700 "$PG_DATA"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "Creating a private PostgreSQL cluster in $PG_DATA"
    as_cluster_owner "$bin/initdb" -D "$PG_DATA" -A trust -U "$PG_USER" -E UTF8 >/dev/null
  fi
  log "Starting PostgreSQL on $PG_HOST:$PG_PORT (fsync $PG_FSYNC)"
  as_cluster_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=$PG_HOST -c max_connections=200 -c fsync=$PG_FSYNC" start >/dev/null \
    || { log "PostgreSQL did not start; see $PG_DATA/server.log"; return 1; }
}

stop_private_cluster() {
  as_cluster_owner "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
}

# A server found already running may have been started by an older ops/test with fsync off.
warn_unless_durable() {
  [ "$PG_FSYNC" = on ] || return 0
  local bin fsync; bin="$(pg_bin 2>/dev/null || dirname "$(command -v psql)")"
  fsync="$(PGPASSWORD="${ENGAGEMENT_PG_PASSWORD:-postgres}" "$bin/psql" -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" \
    -d postgres -c 'SHOW fsync' 2>/dev/null)" || return 0
  [ "$fsync" = off ] && log "Warning: the PostgreSQL on $PG_HOST:$PG_PORT runs with fsync off, so its data may not survive a" \
    "power cut. Stop it (as its owner: pg_ctl -D $PG_DATA stop) and run this again to start it with fsync on."
  return 0
}

docker_works() {
  command -v docker >/dev/null && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

ensure_postgres() {
  if pg_ready; then log "PostgreSQL already answers on $PG_HOST:$PG_PORT"; warn_unless_durable; return 0; fi
  if [ -z "${ENGAGEMENT_NO_DOCKER:-}" ] && docker_works; then
    log "Starting PostgreSQL with docker compose"
    PG_PORT="$PG_PORT" docker compose up -d --wait postgres || { log "docker compose failed; using a private cluster instead"; start_private_cluster || return 1; }
  else
    start_private_cluster || return 1
  fi
  local i
  for i in $(seq 1 60); do pg_ready && return 0; sleep 1; done
  log "PostgreSQL is not answering on $PG_HOST:$PG_PORT after 60 s"; return 1
}

connection_string() {
  echo "Host=$PG_HOST;Port=$PG_PORT;Username=$PG_USER;Password=${ENGAGEMENT_PG_PASSWORD:-postgres};Database=$1"
}

create_database() {
  local bin; bin="$(pg_bin 2>/dev/null || dirname "$(command -v psql)")"
  PGPASSWORD="${ENGAGEMENT_PG_PASSWORD:-postgres}" "$bin/psql" -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -tc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || PGPASSWORD="${ENGAGEMENT_PG_PASSWORD:-postgres}" "$bin/psql" -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "CREATE DATABASE \"$1\""
}

drop_database() {
  local bin; bin="$(pg_bin 2>/dev/null || dirname "$(command -v psql)")"
  PGPASSWORD="${ENGAGEMENT_PG_PASSWORD:-postgres}" "$bin/psql" -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true
}
