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
