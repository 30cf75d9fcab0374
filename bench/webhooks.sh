#!/usr/bin/env bash
# One command: build the release binary (or use NEXO_BENCH_BIN=/path/to/nexo), install wrk when missing, provide
# PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private throw-away cluster), and run the inbound webhook benchmark
# (bench/webhooks.py) on SQLite and PostgreSQL side by side: a fixed rate of 1,000 deliveries/s with its latency, then
# wrk at saturation, then what the worker made of them. Options go to bench/webhooks.py (e.g. --rate 200 --seconds 5);
# NEXO_BENCH_RATE, NEXO_BENCH_SECONDS and NEXO_BENCH_WRK_SECONDS set the same defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/setup.sh
if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
fi
if [[ -n "${NEXO_BENCH_BIN:-}" ]]; then BIN="$NEXO_BENCH_BIN"; else bench_build; fi
trap 'stop_bench_postgres' EXIT
start_bench_postgres
python3 bench/webhooks.py --bin "$BIN" --postgres-url "$NEXO_BENCH_POSTGRES_URL" "$@"
