#!/usr/bin/env bash
# One command: build the release binary, provide PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private
# throw-away cluster), and run the contact import benchmark (bench/import.py) on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/setup.sh
command -v sqlite3 >/dev/null || apt-get install -y -q sqlite3 >/dev/null
bench_build
trap 'stop_bench_postgres' EXIT
start_bench_postgres
python3 bench/import.py --bin "$BIN" --postgres-url "$NEXO_BENCH_POSTGRES_URL" "$@"
