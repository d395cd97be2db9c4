#!/usr/bin/env bash
# Soak test: the GUI kiosk with the demo camera on a virtual display for a
# long time, sampled every minute.
#
#   scripts/soak.sh [HOURS] [OUT_DIR]      (defaults: 24, target/soak)
#   NO_BUILD=1 scripts/soak.sh 2           (use target/release as built)
#
# Every minute it writes a line to OUT_DIR/samples.csv: the time, resident
# memory (KiB), CPU time used (s), open file descriptors, threads, verdicts
# the kiosk logged and records in its database. At the end (or on Ctrl-C)
# OUT_DIR/summary.txt has memory after warm-up and at the end, the mean CPU,
# descriptors at start and end, and verdicts logged against records
# written. It fails (exit 1) when memory grew more than 10% after warm-up,
# descriptors grew, or a logged verdict has no record.
#
# Needs: xvfb (installed when missing). The kiosk runs with its own config
# and data in OUT_DIR; nothing of the user's is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
hours="${1:-24}"
out="$(realpath -m "${2:-target/soak}")"
warmup_minutes="${WARMUP_MINUTES:-10}"

if ! command -v Xvfb >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb >/dev/null
  else
    sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb >/dev/null
  fi
fi
if [ "${NO_BUILD:-0}" != 1 ]; then
  cargo build --release --locked --bin healthgate
fi
hg="$PWD/target/release/healthgate"

rm -rf "$out"
mkdir -p "$out"
cat >"$out/config.toml" <<EOF
[kiosk]
id = "soak"
data_dir = "data"
[log]
level = "info"
EOF
display=:96
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display ICED_BACKEND=tiny-skia env -u RUST_LOG "$hg" --config "$out/config.toml" gui --demo \
  >"$out/stdout.txt" 2>"$out/stderr.txt" &
kiosk=$!
stop() {
  kill "$kiosk" 2>/dev/null || true
  wait "$kiosk" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap stop EXIT
ticks=$(getconf CLK_TCK)

verdicts() { cat "$out"/data/logs/healthgate.log* 2>/dev/null | grep -c ' verdict' || true; }
records() {
  "$hg" --config "$out/config.toml" records stats 2>/dev/null |
    sed -n 's/.*; \([0-9]*\) stored).*/\1/p' | tail -n1
}
sample() {
  local stat rss fds threads cpu
  [ -d "/proc/$kiosk" ] || return 1
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$kiosk/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$kiosk/status")
  fds=$(find "/proc/$kiosk/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  stat=$(sed 's/.*) //' "/proc/$kiosk/stat")
  cpu=$(echo "$stat" | awk -v t="$ticks" '{printf "%.1f", ($12 + $13) / t}')
  echo "$(date -u +%FT%TZ),$rss,$cpu,$fds,$threads,$(verdicts),$(records)" >>"$out/samples.csv"
}

echo "time,rss_kib,cpu_s,fds,threads,verdicts_logged,records" >"$out/samples.csv"
minutes=$(awk -v h="$hours" 'BEGIN {printf "%d", h * 60}')
echo "soak: $minutes minutes, samples in $out/samples.csv"
for ((m = 0; m <= minutes; m++)); do
  if ! sample; then
    echo "soak: the kiosk stopped after $m minutes" | tee "$out/summary.txt"
    exit 1
  fi
  [ "$m" -lt "$minutes" ] && sleep 60
done
# Let the last verdict's record land, then stop the kiosk and count.
sleep 5
stop
trap - EXIT
final_verdicts=$(verdicts)
final_records=$(records)

awk -F, -v warm="$warmup_minutes" -v fv="$final_verdicts" -v fr="$final_records" '
  NR == 1 { next }
  { n++; rss[n] = $2; cpu[n] = $3; fds[n] = $4; t[n] = $1 }
  END {
    w = (warm + 1 < n) ? warm + 1 : 1
    growth = (rss[n] - rss[w]) / rss[w] * 100
    mean_cpu = (cpu[n] - cpu[1]) / ((n - 1) * 60) * 100
    printf "samples: %d, %s to %s\n", n, t[1], t[n]
    printf "memory (RSS): %d KiB at start, %d KiB after %d min warm-up, %d KiB at the end (%+.1f%%)\n", rss[1], rss[w], w - 1, rss[n], growth
    max = 0; for (i = w; i <= n; i++) if (rss[i] > max) max = rss[i]
    printf "memory peak after warm-up: %d KiB\n", max
    printf "CPU: %.1f%% of one core on average (%.0f s in all)\n", mean_cpu, cpu[n]
    printf "file descriptors: %d at start, %d after warm-up, %d at the end\n", fds[1], fds[w], fds[n]
    printf "verdicts logged: %d, records written: %d\n", fv, fr
    bad = 0
    if (growth > 10) { print "FAIL: memory grew more than 10% after warm-up"; bad = 1 }
    if (fds[n] > fds[w]) { print "FAIL: descriptors grew"; bad = 1 }
    if (fr < fv) { print "FAIL: verdicts without a record"; bad = 1 }
    if (!bad) print "OK"
    exit bad
  }' "$out/samples.csv" | tee "$out/summary.txt"
