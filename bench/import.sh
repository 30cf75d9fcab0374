#!/usr/bin/env bash
# One command: build the release binary, provide PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private
# throw-away cluster), and run the contact import benchmark (bench/import.py) on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nexo --scratch-path .build-release
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/nexo"

cleanup() { :; }
trap 'cleanup' EXIT
if [[ -z "${NEXO_BENCH_POSTGRES_URL:-}" ]]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL not found: install it or set NEXO_BENCH_POSTGRES_URL" >&2; exit 1; }
  DIR="$(mktemp -d /tmp/nexo-bench-pg.XXXXXX)"; chown postgres "$DIR"
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200" start >/dev/null
  cleanup() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true; rm -rf "$DIR"; }
  NEXO_BENCH_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
fi
python3 bench/import.py --bin "$BIN" --postgres-url "$NEXO_BENCH_POSTGRES_URL" "$@"
