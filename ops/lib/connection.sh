# Sourced by ops/backup and ops/restore: turns ConnectionStrings__Engagement (Npgsql's Key=Value; form) into the libpq
# variables pg_dump, pg_restore and psql read (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).
use_connection_string() {
  local pair key value
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}"; value="${pair#*=}"
    key="$(printf '%s' "$key" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database) export PGDATABASE="$value" ;;
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { log "The connection string names no Database"; return 1; }
}

# pg_dump and pg_restore of the server's own major version where the distribution has several.
pg_tool() {
  local bin
  bin="$(pg_bin 2>/dev/null)" && [ -x "$bin/$1" ] && { echo "$bin/$1"; return 0; }
  command -v "$1" || { log "$1 is not installed (apt-get install postgresql-client)"; return 1; }
}
