#!/usr/bin/env bash
# Browser checks: builds bleibe, starts it on a fresh data directory and runs axe-core in
# headless Chromium against its pages (tests/browser/a11y.mjs), then the employer journey
# (tests/browser/employer.mjs: sign-up, verification mail, organisation, job, search), then
# the network journey with JavaScript off (tests/browser/network.mjs: networks, calendar,
# event registration, invalid e-mail, cancellation, slot booking), then the case pages
# (tests/browser/cases.mjs: intake form, two-factor sign-in, work views, case, person), all
# against the same server.
#
# Installs what it needs if missing: Chromium (Debian's package, via apt-get) and the node
# modules (npm ci from the committed package-lock.json). Needs Node.js >= 20 and cargo.
# Works from any directory. Every check runs even when an earlier one failed. Exit code: the
# first non-zero of a11y.mjs's, employer.mjs's, network.mjs's, cases.mjs's (in that order);
# 0 = all passed.
#
# Environment: BLEIBE_A11Y_PORT (default 18089), CHROMIUM_PATH (default /usr/bin/chromium),
# A11Y_JSON (optional: path for the full results as JSON).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

port="${BLEIBE_A11Y_PORT:-18089}"
addr="127.0.0.1:$port"
url="http://$addr"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH="$chromium"

log() { echo "== a11y: $*"; }

# --- Chromium -------------------------------------------------------------------------------
if [ ! -x "$chromium" ]; then
  if [ "$chromium" != /usr/bin/chromium ]; then
    echo "a11y: CHROMIUM_PATH=$chromium is not an executable" >&2
    exit 2
  fi
  log "installing Chromium (apt-get)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# --- Node modules ---------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
  echo "a11y: node (>= 20) is needed" >&2
  exit 2
fi
if [ ! -f "$here/node_modules/.package-lock.json" ] ||
  [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  log "npm ci"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- The server -----------------------------------------------------------------------------
log "cargo build -p bleibe"
cargo build -p bleibe --locked

healthy() {
  node -e '
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 2000);
    fetch(process.argv[1], { signal: ac.signal })
      .then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));
  ' "$url/healthz"
}

if healthy; then
  echo "a11y: something already answers on $addr; stop it or set BLEIBE_A11Y_PORT" >&2
  exit 2
fi

data_dir="$(mktemp -d)"
server_log="$(mktemp)"
server_pid=""
checker_pid=""
cleanup() {
  if [ -n "$checker_pid" ]; then kill -TERM "$checker_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir" "$server_log"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting bleibe on $addr"
"$root/target/debug/bleibe" serve --data-dir "$data_dir" --addr "$addr" --public-url "$url" >"$server_log" 2>&1 &
server_pid=$!

started=$SECONDS
until healthy; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "a11y: the server exited before it was ready; its log:" >&2
    tail -n 40 "$server_log" >&2
    exit 2
  fi
  if [ $((SECONDS - started)) -ge 120 ]; then
    echo "a11y: the server was not ready within 120 s; its log:" >&2
    tail -n 40 "$server_log" >&2
    exit 2
  fi
  sleep 1
done
log "server ready after $((SECONDS - started)) s"

# --- The checks -----------------------------------------------------------------------------
# In the background and waited for, so that a TERM/INT to this script stops it at once.
rc=0
node "$here/a11y.mjs" "$url" &
checker_pid=$!
wait "$checker_pid" || rc=$?
checker_pid=""

# The employer journey (sign-up, mail, organisation, job, search); reads the outbox.
export BLEIBE_DATA_DIR="$data_dir"
log "employer journey"
erc=0
node "$here/employer.mjs" "$url" &
checker_pid=$!
wait "$checker_pid" || erc=$?
checker_pid=""
if [ "$rc" -eq 0 ]; then rc=$erc; fi

# The network journey (calendar, registration, cancellation, slot), with JavaScript off.
log "network journey"
nrc=0
node "$here/network.mjs" "$url" &
checker_pid=$!
wait "$checker_pid" || nrc=$?
checker_pid=""
if [ "$rc" -eq 0 ]; then rc=$nrc; fi

# The case pages (welcome center, two-factor sign-in, intake, work views, a case, a person),
# set up with the bleibe binary on the same data dir.
log "case pages"
crc=0
BLEIBE_BIN="$root/target/debug/bleibe" node "$here/cases.mjs" "$url" &
checker_pid=$!
wait "$checker_pid" || crc=$?
checker_pid=""
if [ "$rc" -eq 0 ]; then rc=$crc; fi
exit "$rc"
