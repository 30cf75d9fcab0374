#!/usr/bin/env bash
# One command: build the release binary and measure auto-reply matching — 1,000 generated Spanish rules (keywords,
# patterns, built-ins, hours, numbers) and 1,000 realistic messages — with the compiled, word-indexed matcher and with
# the naive loop over every rule, side by side in one run. Prints one JSON line (microseconds per message, medians).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/setup.sh
bench_build
for rules in 100 1000; do
  "$BIN" bench autoreplies --rules "$rules" --messages 1000 --runs 7
done
