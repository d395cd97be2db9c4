#!/usr/bin/env bash
# Builds a Debian package of HealthGate with dpkg-deb (no other tools):
#   packaging/deb/build.sh [OUT_DIR]
# The package holds /usr/bin/healthgate, /usr/bin/healthgate-authority,
# /etc/healthgate/config.toml (a conffile: upgrades keep local edits) and
# the docs.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/deb}"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
arch=$(dpkg --print-architecture)
cargo build --release --locked --bins
stage=$(mktemp -d)
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT
install -Dm755 target/release/healthgate "$stage/usr/bin/healthgate"
install -Dm755 target/release/healthgate-authority "$stage/usr/bin/healthgate-authority"
install -Dm644 assets/config.default.toml "$stage/etc/healthgate/config.toml"
install -Dm644 README.md "$stage/usr/share/doc/healthgate/README.md"
install -Dm644 docs/hgc1.md "$stage/usr/share/doc/healthgate/hgc1.md"
install -Dm644 docs/bundle.md "$stage/usr/share/doc/healthgate/bundle.md"
for doc in dcc.md shc.md serve.md openapi.yaml prometheus/scrape.yml prometheus/alerts.yml; do
  install -Dm644 "docs/$doc" "$stage/usr/share/doc/healthgate/$doc"
done
# Voice clips, where the player looks for them.
mkdir -p "$stage/usr/share/healthgate"
cp -r assets/voice "$stage/usr/share/healthgate/voice"
find "$stage/usr/share/healthgate" -type d -exec chmod 755 {} + -o -type f -exec chmod 644 {} +
mkdir -p "$stage/DEBIAN"
echo "/etc/healthgate/config.toml" > "$stage/DEBIAN/conffiles"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: healthgate
Version: $version
Architecture: $arch
Maintainer: HealthGate <healthgate@localhost>
Depends: libc6, libasound2
Section: misc
Priority: optional
Description: offline health code kiosk
 HealthGate checks health codes (signed QR codes) at a door, offline, and
 shows green, yellow, red or grey with the reasons. Includes the authority
 tool healthgate-authority.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$stage" "$out/healthgate_${version}_${arch}.deb"
echo "built $out/healthgate_${version}_${arch}.deb"
