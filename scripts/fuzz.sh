#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a while with cargo fuzz
# (libFuzzer, AddressSanitizer, the nightly toolchain):
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 20 s each, every target)
#   FUZZ_DEV=1 scripts/fuzz.sh 20             (unoptimised: builds in a third of
#                                             the time, runs slower; the test
#                                             command's quick pass)
#
# The corpora are seeded first (fuzz/seed.py: the shared test data, the
# shipped bundle and config, a pilot's native codes) and grow in
# fuzz/corpus/<target> (not committed). Each target's last libFuzzer line
# (runs, coverage, corpus) goes to fuzz/report.txt. A crash stops with its
# input in fuzz/artifacts/<target>/ and exit 1: make it a regression test,
# fix it, run again.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

profile=()
[ "${FUZZ_DEV:-0}" = 1 ] && profile=(--dev)
python3 fuzz/seed.py >/dev/null
cargo +nightly fuzz build "${profile[@]}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
: >fuzz/report.txt
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/target/$t.log"
  # -timeout: one input may take FUZZ_TIMEOUT s (default 10) at most (a hang
  # is a finding too);
  # -rss_limit_mb: memory is a finding too (a zlib bomb must not inflate).
  if ! cargo +nightly fuzz run "${profile[@]}" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t found a crash; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  printf '%-14s %10s runs in %s s  %s\n' "$t" "${runs:-?}" "$seconds" "$last" | tee -a fuzz/report.txt
done
