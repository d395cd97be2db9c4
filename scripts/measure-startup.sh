#!/usr/bin/env bash
# Measures how long the GUI kiosk takes from launch until its scan screen is
# on the display: it starts a virtual X display (Xvfb), launches the kiosk
# windowed in demo mode with a fresh data folder, and polls the display
# until the scan screen's background colour shows in the window. Run it
# several times; it prints one line a run and the median.
#
# Needs: xvfb, x11-utils (xwininfo), x11-apps (xwd) and imagemagick
# (convert); it installs them with apt-get when they are missing.
#
# Usage: scripts/measure-startup.sh [BINARY] [RUNS]
#   BINARY  default target/release/healthgate (build it with
#           `cargo build --release --bin healthgate`)
#   RUNS    default 5
set -euo pipefail

cd "$(dirname "$0")/.."
BIN="${1:-target/release/healthgate}"
RUNS="${2:-5}"
DISPLAY_NUM=

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v xwd >/dev/null || need+=(x11-apps)
command -v convert >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  else
    sudo apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
[ -x "$BIN" ] || { echo "no $BIN; build it first" >&2; exit 2; }

# A display number nobody uses.
for n in $(seq 97 120); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { DISPLAY_NUM=":$n"; break; }
done
[ -n "$DISPLAY_NUM" ] || { echo "no free X display number in :97-:120" >&2; exit 2; }
Xvfb "$DISPLAY_NUM" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
app=""
trap 'kill $XVFB ${app:+$app} 2>/dev/null || true' EXIT
ready_display=""
for _ in $(seq 1 100); do
  DISPLAY=$DISPLAY_NUM xwininfo -root >/dev/null 2>&1 && { ready_display=1; break; }
  sleep 0.05
done
[ -n "$ready_display" ] || { echo "Xvfb did not start on $DISPLAY_NUM" >&2; exit 2; }

now_ms() { date +%s%3N; }
times=()
for run in $(seq 1 "$RUNS"); do
  data=$(mktemp -d)
  cat >"$data/config.toml" <<EOF
[bundle]
store = "$data/rules.sqlite"
[records]
store = "$data/records.sqlite"
[staff]
settings_file = "$data/staff.toml"
[log]
dir = "$data/logs"
EOF
  start=$(now_ms)
  DISPLAY=$DISPLAY_NUM "$BIN" --config "$data/config.toml" gui --windowed --demo \
    >"$data/out.log" 2>&1 &
  app=$!
  ready=""
  while [ -z "$ready" ] && [ $(( $(now_ms) - start )) -lt 20000 ]; do
    id=$(DISPLAY=$DISPLAY_NUM xwininfo -root -tree 2>/dev/null | awk '/"HealthGate"/ {print $1; exit}' || true)
    if [ -n "$id" ]; then
      px=$(DISPLAY=$DISPLAY_NUM xwd -silent -id "$id" 2>/dev/null \
        | convert xwd:- -crop 1x1+1200+300 -depth 8 txt:- 2>/dev/null \
        | grep -o '([0-9]*,[0-9]*,[0-9]*' | tr -d '(' || true)
      [ -n "$px" ] && [ "$px" != "0,0,0" ] && ready=$(( $(now_ms) - start ))
    fi
    sleep 0.02
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  if [ -z "$ready" ]; then
    echo "run $run: the scan screen did not show within 20 s; the kiosk printed:" >&2
    tail -20 "$data/out.log" >&2
    rm -rf "$data"
    exit 1
  fi
  rm -rf "$data"
  echo "run $run: scan screen on the display after $ready ms"
  times+=("$ready")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS runs: $median ms ($BIN)"
