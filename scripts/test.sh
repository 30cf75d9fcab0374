#!/usr/bin/env bash
# The one test command for Nexo: `make test` runs it, and CI runs `make test` through .ci/run.
#
#   scripts/test.sh                all stages: Swift tests on SQLite and on PostgreSQL, then the browser
#                                  and contract tests in Tests/e2e (what CI runs)
#   scripts/test.sh --no-e2e       skip the browser and contract tests (quick local run)
#   scripts/test.sh --only-sqlite  build, then the Swift tests on SQLite only
#
# Environment:
#   NEXO_TEST_POSTGRES_URL  postgres://user:pass@host:port/db of a server to test against (the user must be
#                           allowed to CREATE DATABASE). Unset: a private throwaway cluster is started.
#   SWIFT_BUILD_FLAGS       extra flags for every `swift build` / `swift test`, e.g. "-c release".
#   CHROMEDRIVER            chromedriver for the browser tests (default /usr/bin/chromedriver).
#
# Run as root on Debian (as CI does), it installs what is missing: PostgreSQL, Chromium + chromedriver,
# and the Python packages selenium, pytest and openapi-spec-validator.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

RUN_POSTGRES=1
RUN_E2E=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) RUN_E2E=0 ;;
    --only-sqlite) RUN_POSTGRES=0; RUN_E2E=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scripts/test.sh: unknown option: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

STAGE="setup"
PG_TMP=""      # private cluster's directory (data/, socket, logs); empty when none was started
PG_BIN=""      # directory holding initdb and pg_ctl
PG_RUN=()      # prefix that runs PostgreSQL's programs as the postgres user when we are root
PASSED=()
APT_LOG=""     # apt-get output while installing; removed at exit

say() { printf '\n==> %s\n' "$*"; }

die() {
  printf '\n==> ERROR: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '    %s\n' "$line" >&2; done
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }
can_install() { is_root && [ -f /etc/debian_version ]; }

# --- cleanup -------------------------------------------------------------------------------------

pg_as() {
  # Run a PostgreSQL program from inside the cluster directory (the postgres user may not be able to
  # read the current directory), as the postgres user when we are root.
  (cd "${PG_TMP:-/}" && ${PG_RUN[@]+"${PG_RUN[@]}"} "$@")
}

stop_postgres() {
  [ -n "$PG_TMP" ] || return 0
  if [ -f "$PG_TMP/data/postmaster.pid" ]; then
    if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      local pid
      pid="$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null || true)"
      case "$pid" in ''|*[!0-9]*) ;; *) kill -QUIT "$pid" 2>/dev/null || true; sleep 1 ;; esac
    fi
  fi
  rm -rf "$PG_TMP"
  PG_TMP=""
}

on_exit() {
  local rc=$?
  set +e
  stop_postgres
  [ -z "$APT_LOG" ] || rm -f "$APT_LOG"
  if [ "$rc" -ne 0 ]; then
    printf '\n==> FAILED in stage: %s (exit status %s)\n' "$STAGE" "$rc" >&2
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a. dependencies -----------------------------------------------------------------------------

find_pg_bin() {
  PG_BIN=""
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PG_BIN="$d"; fi
  done
  if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v initdb)")"
  fi
}

find_chromium() {
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; return; fi
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true
}

find_chromedriver() {
  if [ -n "${CHROMEDRIVER:-}" ] && [ -x "$CHROMEDRIVER" ]; then echo "$CHROMEDRIVER"; return; fi
  if [ -x /usr/bin/chromedriver ]; then echo /usr/bin/chromedriver; return; fi
  command -v chromedriver 2>/dev/null || true
}

python_deps_ok() {
  python3 -c 'import selenium, pytest, openapi_spec_validator, aiosmtpd' >/dev/null 2>&1
}

APT_UPDATED=0
apt_install() {
  # apt's output goes to a log, shown only when it fails.
  export DEBIAN_FRONTEND=noninteractive
  [ -n "$APT_LOG" ] || APT_LOG="$(mktemp "${TMPDIR:-/tmp}/nexo-apt.XXXXXX.log")"
  if [ "$APT_UPDATED" -eq 0 ]; then
    if ! apt-get update >>"$APT_LOG" 2>&1; then
      tail -n 30 "$APT_LOG" >&2
      die "apt-get update failed (its output is above)"
    fi
    APT_UPDATED=1
  fi
  if ! apt-get install -y "$@" >>"$APT_LOG" 2>&1; then
    tail -n 30 "$APT_LOG" >&2
    die "apt-get install $* failed (its output is above)"
  fi
  echo "installed: $*"
}

STAGE="dependencies"
say "dependencies"
NEED_PG=0
NEED_BROWSER=0
NEED_PY=0
if [ "$RUN_POSTGRES" -eq 1 ] && [ -z "${NEXO_TEST_POSTGRES_URL:-}" ]; then
  find_pg_bin
  [ -n "$PG_BIN" ] || NEED_PG=1
fi
if [ "$RUN_E2E" -eq 1 ]; then
  { [ -n "$(find_chromium)" ] && [ -n "$(find_chromedriver)" ]; } || NEED_BROWSER=1
  python_deps_ok || NEED_PY=1
fi

if [ $((NEED_PG + NEED_BROWSER + NEED_PY)) -eq 0 ]; then
  echo "everything needed is installed"
elif ! can_install; then
  # PostgreSQL gets its own message with how to provide a server, in the next stage.
  if [ "$NEED_BROWSER" -eq 1 ]; then
    die "the browser tests need Chromium and chromedriver, and they are not installed" \
      "Debian/Ubuntu: apt-get install chromium chromium-driver (or set CHROMEDRIVER=/path/to/chromedriver)" \
      "or skip the browser tests with: scripts/test.sh --no-e2e"
  fi
  if [ "$NEED_PY" -eq 1 ]; then
    die "the e2e tests need the Python packages selenium, pytest and openapi-spec-validator" \
      "install them with: python3 -m pip install selenium pytest openapi-spec-validator" \
      "or skip the e2e tests with: scripts/test.sh --no-e2e"
  fi
else
  if [ "$NEED_PG" -eq 1 ]; then
    echo "installing PostgreSQL"
    apt_install postgresql
    # Debian's package creates and starts a default cluster; the tests use a private one, so stop it.
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters -h 2>/dev/null | while read -r ver name _port status _rest; do
        if [ "$status" = "online" ]; then pg_ctlcluster "$ver" "$name" stop || true; fi
      done || true
    fi
  fi
  if [ "$NEED_BROWSER" -eq 1 ]; then
    echo "installing Chromium and chromedriver"
    apt_install chromium chromium-driver
  fi
  if [ "$NEED_PY" -eq 1 ]; then
    echo "installing Python packages: selenium pytest openapi-spec-validator"
    PY_PKGS=(selenium pytest openapi-spec-validator aiosmtpd)
    export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
    python3 -m pip install --quiet "${PY_PKGS[@]}" \
      || python3 -m pip install --quiet --break-system-packages "${PY_PKGS[@]}" \
      || die "pip install ${PY_PKGS[*]} failed"
    python_deps_ok || die "selenium, pytest, openapi_spec_validator or aiosmtpd still cannot be imported by $(command -v python3)"
  fi
fi

# --- b. PostgreSQL -------------------------------------------------------------------------------

redact_url() { printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#'; }

pg_unavailable() {
  die "PostgreSQL is needed for the PostgreSQL test stage, but $1." \
    "Provide a server with:" \
    "  NEXO_TEST_POSTGRES_URL=postgres://user:pass@host:port/db scripts/test.sh" \
    "(the user must be allowed to CREATE DATABASE), or run as root on Debian so that this" \
    "script installs PostgreSQL and starts a private cluster itself." \
    "A quick run on SQLite only: scripts/test.sh --only-sqlite"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  find_pg_bin
  [ -n "$PG_BIN" ] || pg_unavailable "no PostgreSQL server (initdb, pg_ctl) is installed"
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/nexo-pg.XXXXXX")"
  if is_root; then
    id postgres >/dev/null 2>&1 || pg_unavailable "we run as root and there is no 'postgres' user to run the server as"
    chown postgres: "$PG_TMP"
    PG_RUN=(runuser -u postgres --)
  fi
  echo "private cluster in $PG_TMP ($PG_BIN)"

  local initdb_args=(-D "$PG_TMP/data" -U postgres --auth=trust -E UTF8)
  if ! pg_as "$PG_BIN/initdb" "${initdb_args[@]}" --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1; then
    echo "initdb with --locale=C.UTF-8 failed; trying --locale=C"
    rm -rf "$PG_TMP/data"
    if ! pg_as "$PG_BIN/initdb" "${initdb_args[@]}" --locale=C >>"$PG_TMP/initdb.log" 2>&1; then
      tail -n 30 "$PG_TMP/initdb.log" >&2
      pg_unavailable "initdb failed (its output is above)"
    fi
  fi

  local attempt port=""
  for attempt in 1 2 3; do
    port="$(free_port)"
    if pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 \
      -o "-p $port -k '$PG_TMP' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null; then
      export NEXO_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
      echo "started on 127.0.0.1:$port"
      return 0
    fi
    echo "the cluster did not start on port $port (attempt $attempt)" >&2
  done
  tail -n 30 "$PG_TMP/postgres.log" >&2 2>/dev/null || true
  pg_unavailable "the private cluster failed to start (its log is above)"
}

find_pg_tool() {
  # psql or pg_isready: on PATH, next to initdb, or in Debian's versioned directories.
  local tool="$1" d
  if command -v "$tool" >/dev/null 2>&1; then command -v "$tool"; return; fi
  for d in "$PG_BIN" $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -n "$d" ] && [ -x "$d/$tool" ]; then echo "$d/$tool"; return; fi
  done
}

verify_postgres() {
  local url="$NEXO_TEST_POSTGRES_URL" shown psql_bin isready_bin out
  shown="$(redact_url "$url")"
  psql_bin="$(find_pg_tool psql)"
  if [ -n "$psql_bin" ]; then
    if out="$(PGCONNECT_TIMEOUT=10 "$psql_bin" "$url" -qtAX -v ON_ERROR_STOP=1 -c 'select 1' 2>&1)" && [ "$out" = "1" ]; then
      echo "PostgreSQL answers at $shown"
      return 0
    fi
    printf '%s\n' "$out" >&2
    pg_unavailable "the server at $shown does not answer 'select 1' (psql's message is above)"
  fi
  isready_bin="$(find_pg_tool pg_isready)"
  if [ -n "$isready_bin" ]; then
    if out="$("$isready_bin" -t 10 -d "$url" 2>&1)"; then
      echo "PostgreSQL answers at $shown (pg_isready)"
      return 0
    fi
    printf '%s\n' "$out" >&2
    pg_unavailable "the server at $shown is not ready (pg_isready's message is above)"
  fi
  echo "warning: neither psql nor pg_isready is installed; cannot check $shown before the tests" >&2
}

if [ "$RUN_POSTGRES" -eq 1 ]; then
  STAGE="postgres server"
  if [ -n "${NEXO_TEST_POSTGRES_URL:-}" ]; then
    say "PostgreSQL: using NEXO_TEST_POSTGRES_URL"
  else
    say "PostgreSQL: starting a private cluster"
    start_postgres
  fi
  export NEXO_TEST_POSTGRES_URL
  verify_postgres
fi

# --- c. build ------------------------------------------------------------------------------------

SWIFT_FLAGS=()
if [ -n "${SWIFT_BUILD_FLAGS:-}" ]; then
  read -r -a SWIFT_FLAGS <<<"$SWIFT_BUILD_FLAGS"
fi
swiftpm() {
  # swift SUBCOMMAND [SWIFT_BUILD_FLAGS] ARGS...
  local sub="$1"
  shift
  swift "$sub" ${SWIFT_FLAGS[@]+"${SWIFT_FLAGS[@]}"} "$@"
}

STAGE="build"
say "build: swift build --build-tests ${SWIFT_BUILD_FLAGS:-}"
swiftpm build --build-tests

# --- d. Swift tests ------------------------------------------------------------------------------

STAGE="swift tests on SQLite"
say "swift tests on SQLite"
NEXO_TEST_DATABASE=sqlite swiftpm test --skip-build
PASSED+=(sqlite)

if [ "$RUN_POSTGRES" -eq 1 ]; then
  STAGE="swift tests on PostgreSQL"
  say "swift tests on PostgreSQL ($(redact_url "$NEXO_TEST_POSTGRES_URL"))"
  NEXO_TEST_DATABASE=postgres swiftpm test --skip-build
  PASSED+=(postgres)
fi

# --- e. browser and contract tests ---------------------------------------------------------------

if [ "$RUN_E2E" -eq 1 ]; then
  STAGE="e2e tests"
  say "browser and contract tests (pytest Tests/e2e)"
  NEXO_BIN="$(swiftpm build --show-bin-path)/nexo"
  [ -x "$NEXO_BIN" ] || die "the server binary $NEXO_BIN was not built"
  CHROMEDRIVER="$(find_chromedriver)"
  [ -n "$CHROMEDRIVER" ] || die "chromedriver not found (install chromium-driver or set CHROMEDRIVER)"
  export NEXO_BIN CHROMEDRIVER
  echo "NEXO_BIN=$NEXO_BIN CHROMEDRIVER=$CHROMEDRIVER"
  set +e
  python3 -m pytest -q -p no:cacheprovider Tests/e2e
  rc=$?
  set -e
  if [ "$rc" -eq 5 ]; then
    die "no e2e tests found: pytest collected no tests in Tests/e2e (exit status 5), and this stage must run them"
  elif [ "$rc" -ne 0 ]; then
    die "e2e tests failed (pytest exit status $rc)"
  fi
  PASSED+=(e2e)
fi

# --- f. summary ----------------------------------------------------------------------------------

STAGE="summary"
stages="$(printf '%s, ' "${PASSED[@]}")"
say "all test stages passed (${stages%, })"
