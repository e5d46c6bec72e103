#!/usr/bin/env bash
# HTTP load test of a running `bleibe serve`: GET /api/v1/jobs with the query mix of
# `bleibe bench search` (the URLs come from `bleibe bench urls`, so both use the same
# queries), rotating through the URLs, with wrk. Prints requests/s and latency
# percentiles. Not part of CI; see docs/PERFORMANCE.md.
#
#   scripts/bench-http.sh [BASE_URL]            (default http://127.0.0.1:8080)
#
# Environment:
#   DURATION=30s      length of the measured run (after a 5 s warm-up)
#   CONNECTIONS=32    open connections
#   THREADS=1         wrk threads (the load generator shares the machine with the server)
#   BLEIBE=…          the bleibe binary used to print the URLs (default: target/release/
#                     bleibe, then target/debug/bleibe, then `bleibe` on PATH)
#   SERVE_PID=…       pid of the `bleibe serve` under test (same machine): its peak RSS
#                     (VmHWM) is printed at the end
#
# Needs wrk (Debian/Ubuntu: apt-get install wrk) and curl.

set -euo pipefail

BASE="${1:-http://127.0.0.1:8080}"
BASE="${BASE%/}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"

here="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${BLEIBE:-}" ]]; then
    for candidate in "$here/target/release/bleibe" "$here/target/debug/bleibe"; do
        if [[ -x "$candidate" ]]; then
            BLEIBE="$candidate"
            break
        fi
    done
fi
BLEIBE="${BLEIBE:-bleibe}"

for tool in wrk curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool is not installed (Debian/Ubuntu: apt-get install $tool)" >&2
        exit 1
    fi
done
if ! command -v "$BLEIBE" >/dev/null; then
    echo "error: no bleibe binary; build it (cargo build --release) or set BLEIBE=…" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! "$BLEIBE" bench urls >"$work/urls.txt"; then
    echo "error: $BLEIBE has no 'bench urls'; rebuild it (cargo build --release)" >&2
    exit 1
fi

if ! health="$(curl -fsS "$BASE/healthz")"; then
    echo "error: no bleibe at $BASE (start one: bleibe serve --data-dir DIR)" >&2
    exit 1
fi
echo "server: $BASE  $health"

# Every URL once: it must answer 200 (a 400 would measure error pages).
while read -r path; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")"
    if [[ "$code" != 200 ]]; then
        echo "error: $path answered $code" >&2
        exit 1
    fi
done <"$work/urls.txt"
echo "mix: $(wc -l <"$work/urls.txt") URLs, all answer 200 (first: $(head -n1 "$work/urls.txt"))"

cat >"$work/mix.lua" <<'LUA'
-- Rotates through the URLs of the file given after `--`; every thread starts at
-- another offset. Summarises latency percentiles and errors at the end.
local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if #line > 0 then
            table.insert(paths, line)
        end
    end
    next_path = ((id or 1) * 7) % #paths + 1
    non2xx = 0
end

function request()
    local path = paths[next_path]
    next_path = next_path % #paths + 1
    return wrk.format("GET", path)
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, t in ipairs(threads) do
        bad = bad + (t:get("non2xx") or 0)
    end
    local e = summary.errors
    local secs = summary.duration / 1e6
    io.write("------------------------------------------------------------\n")
    io.write(string.format("requests:     %d in %.1f s = %.0f requests/s\n",
        summary.requests, secs, summary.requests / secs))
    io.write(string.format("latency (ms): p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000))
    io.write(string.format("errors:       %d non-2xx, %d connect, %d read, %d write, %d timeout\n",
        bad, e.connect, e.read, e.write, e.timeout))
end
LUA

echo "warm-up: 5 s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$work/mix.lua" "$BASE" -- "$work/urls.txt" >/dev/null
echo "run: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (the mix of bleibe bench search against $BASE/api/v1/jobs)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$work/mix.lua" "$BASE" -- "$work/urls.txt"
if [[ -n "${SERVE_PID:-}" && -r "/proc/$SERVE_PID/status" ]]; then
    echo "server peak RSS: $(awk '/^VmHWM/ {printf "%.1f MiB", $2 / 1024}' "/proc/$SERVE_PID/status") (VmHWM of pid $SERVE_PID)"
fi
