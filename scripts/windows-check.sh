#!/usr/bin/env bash
# Builds HealthGate for Windows (x86_64-pc-windows-gnu, with MinGW) on a
# Debian machine and runs the Windows build under Wine: the command line,
# then, with a display (or Xvfb), the GUI kiosk with the demo camera for
# 30 s, saving a screenshot. It checks that the source builds and starts on
# Windows; it is no substitute for a real Windows machine and camera.
#
# Needs: rustup (for the Windows target), and as root or with sudo:
# gcc-mingw-w64-x86-64, wine64, xvfb, imagemagick (installed when missing).
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's standard
# library imports for random numbers; a small stand-in that calls
# RtlGenRandom is built beside the .exe for the run. Newer Wine has it.
#
# Usage: scripts/windows-check.sh [OUT]    (OUT default: target/windows-check)
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="$(realpath -m "${1:-target/windows-check}")"
TARGET=x86_64-pc-windows-gnu

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"

cargo build --target "$TARGET" --bins
mkdir -p "$OUT"
cp "target/$TARGET/debug/healthgate.exe" "$OUT/"
cat >"$OUT/prng.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -o "$OUT/bcryptprimitives.dll" "$OUT/prng.c" -ladvapi32

export WINEPREFIX="$OUT/wineprefix" WINEDEBUG=-all
wine() { (cd "$OUT" && timeout 120 /usr/lib/wine/wine64 ./healthgate.exe "$@"); }
echo "== config --check";            wine config --check
echo "== rules status";              wine rules status
echo "== kiosk --demo, five codes"; wine kiosk --demo --demo-rounds 5 --demo-interval 0.2 </dev/null | grep -E "DEMO|PASS|SEE|STOP|NOT" || true
echo "== records stats";             wine records stats

display="${DISPLAY:-}"
if [ -z "$display" ]; then
  display=:93
  Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  sleep 1
fi
echo "== gui --windowed --demo for 30 s (tiny-skia)"
(cd "$OUT" && DISPLAY=$display ICED_BACKEND=tiny-skia timeout 30 /usr/lib/wine/wine64 ./healthgate.exe gui --windowed --demo >"$OUT/gui.log" 2>&1) &
gui=$!
sleep 25
DISPLAY=$display import -window root "$OUT/gui.png"
wait "$gui" || true
echo "verdicts shown: $(grep -c "verdict" "$OUT/gui.log" || true)"
echo "screenshot: $OUT/gui.png"
