#!/usr/bin/env bash
# Builds the Windows installer of HealthGate on Debian:
#   packaging/windows/build.sh [OUT_DIR]        (default: target/msi)
# With NO_BUILD=1 the release binaries already in
# target/x86_64-pc-windows-gnu/release are used.
#
# The programs are built with MinGW (x86_64-pc-windows-gnu) and packed
# with wixl (Debian's msitools), which reads WiX 3 sources: an .msi is what
# Windows fleet tools (Intune, Group Policy, SCCM) deploy, silently and
# with the features chosen (ADDLOCAL=ALL), and uninstall cleanly, which an NSIS .exe
# would do only through scripts of its own. What the installer holds:
# packaging/windows/healthgate.wxs.
#
# Needs: rustup (for the Windows target), and as root or with sudo:
# gcc-mingw-w64-x86-64 and wixl (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(realpath -m "${1:-target/msi}")"
target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v wixl >/dev/null || need+=(wixl)
if [ ${#need[@]} -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ "${NO_BUILD:-0}" != 1 ]; then
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  cargo build --release --locked --target "$target" --bins
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
for exe in healthgate healthgate-authority; do
  cp "target/$target/release/$exe.exe" "$stage/"
  x86_64-w64-mingw32-strip --strip-unneeded "$stage/$exe.exe"
done
# The config as Windows editors like it (CRLF); the data stays in each
# account's %LOCALAPPDATA%.
sed 's/$/\r/' assets/config.default.toml >"$stage/config.toml"
mkdir -p "$stage/assets"
cp -r assets/voice "$stage/assets/voice"
# The voice clips, one component each. (wixl takes sources relative to the
# folder it runs in.)
cp packaging/windows/healthgate.wxs "$stage/"
mkdir -p "$out"
msi="$out/healthgate-$version-x64.msi"
(
  cd "$stage"
  find assets/voice -type f | LC_ALL=C sort |
    wixl-heat --prefix assets/ --var var.AssetsSource --directory-ref AssetsDir \
      --component-group VoiceClips --win64 >voice.wxs
  wixl --arch x64 -D Version="$version" -D Stage=. -D AssetsSource=assets -D Win64=yes \
    -o "$msi" healthgate.wxs voice.wxs
)
echo "built $msi"
