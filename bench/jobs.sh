#!/usr/bin/env bash
# One command: build the release binary, provide PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private throw-away
# cluster), install the peers (pgqueuer, procrastinate) when missing, and run the job system benchmark: Nexo against
# the peers on one PostgreSQL, fairness under a backlog, and fan-out over 1,000,000 contacts on PostgreSQL and SQLite.
# Options go to bench/jobs.py (e.g. --runs 1 --contacts 100000 --only jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/setup.sh
bench_build
python3 -c 'import pgqueuer, procrastinate, asyncpg, psycopg' 2>/dev/null \
  || python3 -m pip install --quiet pgqueuer procrastinate asyncpg "psycopg[binary,pool]"
trap 'stop_bench_postgres' EXIT
start_bench_postgres
python3 bench/jobs.py --bin "$BIN" --postgres-url "$NEXO_BENCH_POSTGRES_URL" "$@"
