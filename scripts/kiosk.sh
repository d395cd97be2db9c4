#!/usr/bin/env bash
# Sets up the machine, builds HealthGate and starts the kiosk. With no
# arguments it runs the DEMO: codes of the demo authority, clearly marked.
# Arguments go to `healthgate kiosk` (see `healthgate kiosk --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
cargo build --release --locked --bins
if [ $# -eq 0 ]; then set -- --demo; fi
exec target/release/healthgate kiosk "$@"
