#!/usr/bin/env bash
# One command: the crash test of background work. On PostgreSQL (NEXO_BENCH_POSTGRES_URL, or a private throw-away
# cluster): 10,000 consenting contacts whose birthday is today, the birthday automation fired (`nexo bench crash`);
# a `nexo worker` sends the e-mails and is killed with SIGKILL part-way; another worker starts; when every run has
# finished, SQL checks that each contact got exactly one e-mail. Exits non-zero when one is missing or doubled.
# Options: --contacts N (10000), --kill-at N (e-mails in the outbox before the kill; default a third),
# --lease S (NEXO_JOB_LEASE_SECONDS for both workers, default 10), --concurrency C (NEXO_WORKER_CONCURRENCY, 20).
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=10000 KILL_AT="" LEASE=10 CONCURRENCY=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --contacts) CONTACTS="$2"; shift 2 ;;
    --kill-at) KILL_AT="$2"; shift 2 ;;
    --lease) LEASE="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
KILL_AT="${KILL_AT:-$((CONTACTS / 3))}"
source bench/setup.sh
bench_build

WORK="$(mktemp -d /tmp/nexo-crash.XXXXXX)"
W1="" W2=""
cleanup() {
  for pid in $W1 $W2; do kill -9 "$pid" 2>/dev/null || true; done
  stop_bench_postgres
  rm -rf "$WORK"
}
trap 'cleanup' EXIT
start_bench_postgres
psql -X -q "$NEXO_BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS nexo_crash WITH (FORCE)" -c "CREATE DATABASE nexo_crash"
URL="$(python3 -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print(u.urlunparse(p._replace(path="/nexo_crash")))' "$NEXO_BENCH_POSTGRES_URL")"

export NEXO_DATABASE_URL="$URL" NEXO_DATA_DIR="$WORK/data" NEXO_LOG_LEVEL=error NEXO_LOG_FORMAT=text \
  NEXO_WORKER_CONCURRENCY="$CONCURRENCY" NEXO_JOB_LEASE_SECONDS="$LEASE"
q() { psql -X -Atq "$URL" -c "$1"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

SETUP="$("$BIN" bench crash --contacts "$CONTACTS" | tail -1)"
TENANT="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["tenant_id"])' "$SETUP")"
SENT="SELECT count(*) FROM outbox_emails WHERE tenant_id = '$TENANT' AND kind = 'birthday'"
FINISHED="SELECT count(*) FROM automation_runs WHERE tenant_id = '$TENANT' AND state IN ('succeeded', 'failed', 'skipped', 'stopped')"
echo "set up: $SETUP" >&2

T0="$(now)"
"$BIN" worker >"$WORK/worker1.log" 2>&1 & W1=$!
deadline=$(( $(date +%s) + 300 ))
until [[ "$(q "$SENT")" -ge "$KILL_AT" ]]; do
  kill -0 "$W1" 2>/dev/null || { cat "$WORK/worker1.log" >&2; echo "the first worker stopped by itself" >&2; exit 1; }
  [[ $(date +%s) -lt $deadline ]] || { echo "no $KILL_AT e-mails after 300 s" >&2; exit 1; }
  sleep 0.05
done
kill -9 "$W1"; wait "$W1" 2>/dev/null || true; W1=""
T_KILL="$(now)"
AT_KILL="$(q "$SENT")"
HELD="$(q "SELECT count(*) FROM jobs WHERE tenant_id = '$TENANT' AND state = 'running'")"
echo "killed the first worker (SIGKILL) with $AT_KILL of $CONTACTS e-mails in the outbox, $HELD jobs held" >&2
if [[ "$AT_KILL" -ge "$CONTACTS" ]]; then echo "killed too late: every e-mail was already sent" >&2; exit 1; fi

"$BIN" worker >"$WORK/worker2.log" 2>&1 & W2=$!
deadline=$(( $(date +%s) + 600 ))
until [[ "$(q "$FINISHED")" -ge "$CONTACTS" ]]; do
  kill -0 "$W2" 2>/dev/null || { cat "$WORK/worker2.log" >&2; echo "the second worker stopped by itself" >&2; exit 1; }
  [[ $(date +%s) -lt $deadline ]] || { echo "runs still unfinished after 600 s" >&2; exit 1; }
  sleep 0.2
done
T_DONE="$(now)"
kill -TERM "$W2"; wait "$W2" 2>/dev/null || true; W2=""

TOTAL="$(q "$SENT")"
DUPLICATES="$(q "SELECT count(*) FROM (SELECT to_address FROM outbox_emails WHERE tenant_id = '$TENANT' AND kind = 'birthday' GROUP BY to_address HAVING count(*) > 1) d")"
MISSING="$(q "SELECT count(*) FROM contacts c WHERE c.tenant_id = '$TENANT' AND NOT EXISTS (SELECT 1 FROM outbox_emails o WHERE o.tenant_id = c.tenant_id AND o.kind = 'birthday' AND o.to_address = c.email)")"
RUNS="$(q "SELECT string_agg(state || ' ' || n, ', ' ORDER BY state) FROM (SELECT state, count(*) n FROM automation_runs WHERE tenant_id = '$TENANT' GROUP BY state) s")"
RETRIED="$(q "SELECT count(*) FROM jobs WHERE tenant_id = '$TENANT' AND kind = 'automations.run' AND attempts > 1")"

printf '\nNexo crash test — PostgreSQL, %s contacts, worker concurrency %s, job lease %s s\n\n' "$CONTACTS" "$CONCURRENCY" "$LEASE"
printf '%-44s %10s\n' "e-mails in the outbox at the kill" "$AT_KILL" \
  "jobs the killed worker held" "$HELD" \
  "jobs run again after their lease expired" "$RETRIED" \
  "e-mails in the outbox at the end" "$TOTAL" \
  "contacts without an e-mail (missing)" "$MISSING" \
  "addresses with more than one (duplicates)" "$DUPLICATES" \
  "seconds, start to kill" "$(elapsed "$T0" "$T_KILL")" \
  "seconds, restart to every run finished" "$(elapsed "$T_KILL" "$T_DONE")" \
  "seconds in all" "$(elapsed "$T0" "$T_DONE")"
printf '%-44s %s\n' "runs" "$RUNS"
if [[ "$TOTAL" -eq "$CONTACTS" && "$MISSING" -eq 0 && "$DUPLICATES" -eq 0 ]]; then
  echo "PASS: every contact got exactly one e-mail"
else
  echo "FAIL: expected $CONTACTS e-mails, one per contact" >&2
  exit 1
fi
