# Sourced by the bench commands (from the repository's root): the release binary and a PostgreSQL to measure on.
#   bench_build            builds `nexo` in release mode into .build-release and sets BIN
#   start_bench_postgres   uses NEXO_BENCH_POSTGRES_URL, or starts a private throw-away cluster and sets it
#   stop_bench_postgres    stops and removes that cluster (nothing when the URL was given); call it on EXIT

bench_build() {
  swift build -c release --product nexo --scratch-path .build-release
  BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/nexo"
}

stop_bench_postgres() { :; }

start_bench_postgres() {
  [[ -z "${NEXO_BENCH_POSTGRES_URL:-}" ]] || return 0
  BENCH_PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$BENCH_PGBIN/initdb" ]] || { echo "PostgreSQL not found: install it or set NEXO_BENCH_POSTGRES_URL" >&2; exit 1; }
  BENCH_PGDIR="$(mktemp -d /tmp/nexo-bench-pg.XXXXXX)"; chown postgres "$BENCH_PGDIR"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  runuser -u postgres -- "$BENCH_PGBIN/initdb" -D "$BENCH_PGDIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" -l "$BENCH_PGDIR/log" -w \
    -o "-p $port -k $BENCH_PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200" \
    start >/dev/null
  stop_bench_postgres() {
    runuser -u postgres -- "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" -m fast stop >/dev/null || true
    rm -rf "$BENCH_PGDIR"
  }
  NEXO_BENCH_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
}
