# Source this: starts a throwaway PostgreSQL cluster on a local socket for the register's
# tests and exports VANBAN_TEST_POSTGRES; the cluster is stopped and removed on exit.
# Needs the Debian package `postgresql` (its binaries; its own service is not used).
vanban_pg_start() {
  local bin dir
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    echo "postgresql is not installed: the register's PostgreSQL tests will be skipped" >&2
    return 0
  fi
  dir=$(mktemp -d /tmp/vanban-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
    "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=100" start >/dev/null
  export VANBAN_TEST_POSTGRES="postgresql://postgres@/postgres?host=$dir"
  VANBAN_PG_STOP="${as[*]} $bin/pg_ctl -D $dir/data -m fast stop; rm -rf $dir"
  trap 'eval "$VANBAN_PG_STOP" >/dev/null 2>&1 || true' EXIT
}
vanban_pg_start
