#!/usr/bin/env bash
# Sets up the machine and runs every check and test HealthGate has:
# formatting, clippy, unit and integration tests, and each benchmark once.
# Test data from public suites is read from $HEALTHGATE_TESTDATA (default
# ../shared/testdata beside the project); under CI a missing folder fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

export HEALTHGATE_TESTDATA="${HEALTHGATE_TESTDATA:-$(cd .. && pwd)/shared/testdata}"
if [ ! -f "$HEALTHGATE_TESTDATA/SOURCES.md" ]; then
  if [ -n "${CI:-}" ]; then
    echo "test: test data folder $HEALTHGATE_TESTDATA is missing" >&2
    exit 1
  fi
  echo "test: WARNING: test data folder $HEALTHGATE_TESTDATA is missing; those tests are skipped"
fi

echo "== rustfmt"
cargo fmt --all -- --check
echo "== clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== tests (and each benchmark run once as a test)"
cargo test --all-targets --locked
cargo test --doc --locked
# Every fuzz target briefly (FUZZ_SECONDS each, default 20; 0 skips), built
# unoptimised (5 min instead of 15), with the nightly toolchain beside
# stable. Without nightly: skipped here, a failure under CI.
fuzz_seconds="${FUZZ_SECONDS:-20}"
if [ "$fuzz_seconds" != 0 ]; then
  if rustup toolchain list 2>/dev/null | grep -q '^nightly' || [ -n "${CI:-}" ]; then
    echo "== fuzz targets, $fuzz_seconds s each"
    # The quick pass looks for crashes; its build is unoptimised, so it
    # allows an input far longer than the optimised runs do.
    FUZZ_DEV=1 FUZZ_TIMEOUT=120 scripts/fuzz.sh "$fuzz_seconds"
  else
    echo "test: no nightly toolchain: the fuzz targets are not run (FUZZ_SECONDS=0 to silence)"
  fi
fi
