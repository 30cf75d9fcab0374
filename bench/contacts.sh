#!/usr/bin/env bash
# One command: build the release binary, provide PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private
# throw-away cluster), and run the contact base benchmark on SQLite and PostgreSQL side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/setup.sh
bench_build
trap 'stop_bench_postgres' EXIT
start_bench_postgres
python3 bench/contacts.py --bin "$BIN" --postgres-url "$NEXO_BENCH_POSTGRES_URL" "$@"
