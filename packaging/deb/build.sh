#!/usr/bin/env bash
# Builds the Debian package of HealthGate with dpkg-deb:
#   packaging/deb/build.sh [OUT_DIR]          (default: target/deb)
# With NO_BUILD=1 the release binaries already in target/release are used.
#
# The package holds:
#   /usr/bin/healthgate, /usr/bin/healthgate-authority
#   /etc/healthgate/config.toml     the default config, data in /var/lib/healthgate
#                                   (a conffile: upgrades keep local edits)
#   /etc/healthgate/config.d/       drop-ins laid over it (empty)
#   /etc/pam.d/healthgate-kiosk     the kiosk's login session (a conffile)
#   /lib/systemd/system/healthgate-kiosk.service   the kiosk on tty1 in cage (enabled)
#   /lib/systemd/system/healthgate-serve.service   the batch service (off until enabled)
#   /usr/lib/healthgate/kiosk-session              what the kiosk unit starts
#   /usr/share/healthgate/voice     the voice clips
#   /usr/share/doc/healthgate       README, format and service docs
# and maintainer scripts that make the user `healthgate` and
# /var/lib/healthgate (0700), and delete that folder on purge only.
set -euo pipefail
cd "$(dirname "$0")/../.."
files=packaging/deb/files
out="${1:-target/deb}"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
arch=$(dpkg --print-architecture)
maintainer="${DEB_MAINTAINER:-HealthGate <packages@healthgate.example.org>}"
if ! command -v help2man >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends help2man >/dev/null
fi
if [ "${NO_BUILD:-0}" != 1 ]; then
  cargo build --release --locked --bins
fi
stage=$(mktemp -d)
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT
doc="$stage/usr/share/doc/healthgate"

install -Dm755 target/release/healthgate "$stage/usr/bin/healthgate"
install -Dm755 target/release/healthgate-authority "$stage/usr/bin/healthgate-authority"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/healthgate" "$stage/usr/bin/healthgate-authority"

# The config: the default one, with the data in the package's folder.
install -d -m755 "$stage/etc/healthgate/config.d"
sed 's|^data_dir = ""$|data_dir = "/var/lib/healthgate"|' assets/config.default.toml >"$stage/etc/healthgate/config.toml"
grep -q '^data_dir = "/var/lib/healthgate"$' "$stage/etc/healthgate/config.toml"
chmod 644 "$stage/etc/healthgate/config.toml"
install -Dm644 "$files/pam" "$stage/etc/pam.d/healthgate-kiosk"

install -Dm644 "$files/healthgate-kiosk.service" "$stage/lib/systemd/system/healthgate-kiosk.service"
install -Dm644 "$files/healthgate-serve.service" "$stage/lib/systemd/system/healthgate-serve.service"
install -Dm755 "$files/kiosk-session" "$stage/usr/lib/healthgate/kiosk-session"

# Voice clips, where the player looks for them.
mkdir -p "$stage/usr/share/healthgate"
cp -r assets/voice "$stage/usr/share/healthgate/voice"
find "$stage/usr/share/healthgate" -type d -exec chmod 755 {} + -o -type f -exec chmod 644 {} +

install -Dm644 README.md "$doc/README.md"
for d in hgc1.md bundle.md dcc.md shc.md serve.md openapi.yaml prometheus/scrape.yml prometheus/alerts.yml; do
  install -Dm644 "docs/$d" "$doc/$d"
done
# The copyright file: HealthGate's licence and that of the fonts built in.
{
  cat "$files/copyright"
  printf '\nFiles: assets/fonts/*\nCopyright: 2014-2021 Google LLC\n 2014-2021 Adobe\nLicense: OFL-1.1\n\nLicense: OFL-1.1\n'
  sed -n '/^SIL OPEN FONT LICENSE/,$p' assets/fonts/OFL.txt | sed 's/[[:space:]]*$//; s/^$/./; s/^/ /'
} >"$doc/copyright"
chmod 644 "$doc/copyright"
# The package's changelog (a native package's): this version, dated by the
# last commit.
date=$(git log -1 --format=%cD 2>/dev/null || date -R)
printf 'healthgate (%s) stable; urgency=medium\n\n  * HealthGate %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$maintainer" "$date" | gzip -9n >"$doc/changelog.gz"
chmod 644 "$doc/changelog.gz"

# Manual pages, from the programs' own --help.
man="$stage/usr/share/man/man1"
install -d -m755 "$man"
help2man --no-info --no-discard-stderr --include "$files/healthgate.h2m" \
  --name "check health codes at a door, offline" target/release/healthgate | gzip -9n >"$man/healthgate.1.gz"
help2man --no-info --no-discard-stderr --include "$files/healthgate-authority.h2m" \
  --name "issue health codes and sign rule bundles" target/release/healthgate-authority | gzip -9n >"$man/healthgate-authority.1.gz"
chmod 644 "$man"/*.gz

mkdir -p "$stage/DEBIAN"
printf '%s\n' /etc/healthgate/config.toml /etc/pam.d/healthgate-kiosk >"$stage/DEBIAN/conffiles"
install -m755 "$files/postinst" "$files/prerm" "$files/postrm" "$stage/DEBIAN/"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: healthgate
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: libc6, libgcc-s1, libasound2, libwayland-client0, libwayland-cursor0, libwayland-egl1, libxkbcommon0, ca-certificates, cage, xwayland, libpam-systemd, libpam-modules, adduser
Recommends: systemd-sysv
Section: misc
Priority: optional
Description: offline health code kiosk
 HealthGate checks health codes (signed QR codes) at a door, offline, and
 shows green, yellow, red or grey with the reasons, spoken in the holder's
 language. The kiosk starts full screen on tty1 at boot in the cage
 compositor; healthgate-serve.service checks codes in batches over HTTP.
 Includes the authority tool healthgate-authority.
CONTROL
mkdir -p "$out"
deb="$out/healthgate_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "built $deb"
