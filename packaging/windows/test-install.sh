#!/usr/bin/env bash
# Tests the Windows installer under Wine, in a fresh Wine prefix:
#   packaging/windows/test-install.sh [WORK_DIR]   (default: target/msi-test)
#
# It builds the .msi (NO_BUILD=1: from the Windows release binaries already
# built), installs it silently with the feature Autostart
# (`msiexec /i healthgate.msi /qn ADDLOCAL=ALL`), and checks:
#   - the programs, the voice clips, the config in C:\ProgramData\HealthGate,
#     the Start menu entries and the autostart entry are there;
#   - `healthgate.exe config --check` reads that config and `rules status`,
#     a terminal kiosk with the demo codes and `records stats` work;
#   - the GUI kiosk with the demo codes runs on a virtual display
#     (screenshot saved);
#   - `msiexec /x` removes all of it but the account's own data.
# Wine is no Windows: this checks the installer and that the programs
# start; docs/windows.md has what a real kiosk needs.
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's standard
# library imports for random numbers; a small stand-in that calls
# RtlGenRandom goes into the prefix's system folder (not the install).
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(realpath -m "${1:-target/msi-test}")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
need=()
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

rm -rf "$work"
mkdir -p "$work"
packaging/windows/build.sh "$work" | tee "$work/build.txt"
msi=$(sed -n 's/^built //p' "$work/build.txt")
[ -f "$msi" ] || fail "no installer built"

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine() { timeout 300 /usr/lib/wine/wine64 "$@"; }
display=:94
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; /usr/bin/wineserver -k 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 1
wine wineboot --init >/dev/null 2>&1

cat >"$work/prng.c" <<'C'
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
x86_64-w64-mingw32-gcc -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$work/prng.c" -ladvapi32

c="$WINEPREFIX/drive_c"
prog="$c/Program Files/HealthGate"
data="$c/ProgramData/HealthGate"
# The installer is for all users (ALLUSERS=1, from InstallScope): Windows
# puts the entries in the common Start menu, Wine 8 in the user's.
menu="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/HealthGate"
run_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Run'

step "msiexec /i /qn ADDLOCAL=ALL"
cp "$msi" "$c/healthgate.msi"
wine msiexec /i 'C:\healthgate.msi' /qn ADDLOCAL=ALL /l*v 'C:\install.log' || fail "msiexec /i (see $c/install.log)"
[ -f "$prog/healthgate.exe" ] || fail "no healthgate.exe"
[ -f "$prog/healthgate-authority.exe" ] || fail "no healthgate-authority.exe"
[ -f "$prog/assets/voice/clips.tsv" ] || fail "no voice clips"
clips=$(find "$prog/assets/voice" -type f | wc -l)
[ "$clips" -eq "$(find assets/voice -type f | wc -l)" ] || fail "$clips voice files installed"
[ -f "$data/config.toml" ] || fail "no config in ProgramData"
msiinfo export "$msi" Property | grep -q '^ALLUSERS	1' || fail "not for all users"
[ -d "$data/config.d" ] || fail "no config.d"
[ -d "$menu" ] || menu="$c/users/$(id -un)/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/HealthGate"
for link in "HealthGate kiosk.lnk" "HealthGate demo.lnk" "HealthGate config.lnk"; do
  [ -f "$menu/$link" ] || fail "no Start menu entry $link"
done
wine reg query "$run_key" /v HealthGate | tee "$work/run-key.txt" | grep -q 'healthgate.exe" gui' ||
  fail "no autostart entry"

step "healthgate.exe config --check"
cd "$prog"
wine ./healthgate.exe config --check | tr -d '\r' | tee "$work/config-check.txt"
grep -q 'ProgramData.HealthGate.config.toml: 0 warnings' "$work/config-check.txt" || fail "the installed config was not read"
step "rules status"
wine ./healthgate.exe rules status | tr -d '\r' | tee "$work/rules-status.txt"
grep -q 'in force: DEMO' "$work/rules-status.txt" || fail "no rules in force"
step "a terminal kiosk with the demo codes"
wine ./healthgate.exe kiosk --demo --demo-rounds 4 --demo-interval 0.2 </dev/null >"$work/kiosk.txt" 2>&1 || fail "terminal kiosk"
wine ./healthgate.exe records stats | tr -d '\r' | tee "$work/stats.txt"
grep -q '^total .* 4 stored' "$work/stats.txt" || fail "the records were not written"

step "the GUI kiosk with the demo codes"
(ICED_BACKEND=tiny-skia timeout 40 /usr/lib/wine/wine64 ./healthgate.exe gui --demo >"$work/gui.txt" 2>&1) &
gui=$!
sleep "${SCREENSHOT_WAIT:-30}"
import -window root "$work/gui.png"
wait "$gui" || true
echo "saved $work/gui.png"
cd - >/dev/null

step "msiexec /x /qn"
wine msiexec /x 'C:\healthgate.msi' /qn /l*v 'C:\uninstall.log' || fail "msiexec /x (see $c/uninstall.log)"
[ ! -e "$prog" ] || fail "left behind: $(find "$prog" | head -5)"
[ ! -e "$menu" ] || fail "the Start menu entries are left"
[ ! -e "$data/config.toml" ] || fail "the config is left"
if wine reg query "$run_key" /v HealthGate >/dev/null 2>&1; then fail "the autostart entry is left"; fi
account_data="$c/users/$(id -un)/AppData/Local/HealthGate/healthgate/data"
[ -f "$account_data/records.sqlite" ] && echo "kept the account's data: ${account_data#"$c"/}"
echo "OK: the installer installs, the programs run, and it uninstalls cleanly"
