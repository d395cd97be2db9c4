#!/usr/bin/env bash
# Installs what building and testing HealthGate needs on Debian 12 or Ubuntu:
# the system packages (apt-get) and, if missing, a Rust toolchain (rustup).
# Safe to run again: it installs only what is missing. Run as root, or as a
# user who may use sudo (only apt-get runs as root).
set -euo pipefail

# System packages the build needs, and why.
PACKAGES=(
  build-essential   # a C compiler and linker for crates with C parts
  pkg-config        # finds system libraries for -sys crates
  ca-certificates   # TLS to crates.io
  curl              # fetches rustup when no Rust toolchain is installed
  libclang-dev      # bindgen for the V4L2 bindings of the webcam crate (nokhwa)
  libasound2-dev    # ALSA headers for the sound output of the voice (rodio, cpal)
  espeak-ng         # the voice test regenerates the clips (scripts/make-voice.sh)
  sox               # trims and levels the clips, makes the chimes (make-voice.sh)
  vorbis-tools      # oggenc: encodes the clips as Ogg Vorbis (make-voice.sh)
  python3           # seeds the fuzz corpora (fuzz/seed.py, run by scripts/fuzz.sh)
)
RUST_MIN="1.88"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "setup: need root for: $* (run as root or install sudo)" >&2; exit 1
  fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
if ! command -v cargo >/dev/null; then
  echo "setup: no Rust toolchain found; installing one with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy -c rustfmt
  . "$HOME/.cargo/env"
fi
have=$(rustc --version | awk '{print $2}')
if [ "$(printf '%s\n%s\n' "$RUST_MIN" "$have" | sort -V | head -n1)" != "$RUST_MIN" ]; then
  if command -v rustup >/dev/null; then
    echo "setup: Rust $have is older than $RUST_MIN; updating"
    rustup update stable
  else
    echo "setup: Rust $have is older than $RUST_MIN; install a newer one (rustup.rs)" >&2
    exit 1
  fi
fi
echo "setup: ready ($(rustc --version))"
