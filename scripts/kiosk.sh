#!/usr/bin/env bash
# Sets up the machine, builds HealthGate and starts the kiosk. With no
# arguments it runs the DEMO (codes of the demo authority, marked DEMO on
# screen): full screen when there is a display, in the terminal when there
# is none. Arguments go to `healthgate gui` (see `healthgate gui --help`);
# `scripts/kiosk.sh --text ...` runs `healthgate kiosk ...` in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
cargo build --release --locked --bins
bin=target/release/healthgate
if [ "${1:-}" = "--text" ]; then
  shift
  if [ $# -eq 0 ]; then set -- --demo; fi
  exec "$bin" kiosk "$@"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "kiosk: no display; running the kiosk in this terminal"
  if [ $# -eq 0 ]; then set -- --demo; fi
  exec "$bin" kiosk "$@"
fi
if [ $# -eq 0 ]; then set -- --demo; fi
exec "$bin" gui "$@"
