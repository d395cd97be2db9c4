#!/usr/bin/env bash
# Tests the Debian package in a fresh Debian 12 root made with debootstrap:
#   packaging/deb/test-install.sh [WORK_DIR]     (default: target/deb-test)
#
# It builds the .deb (NO_BUILD=1: from the release binaries already built),
# checks it with lintian, installs it with apt into the fresh root and there:
#   - the units are present and valid (systemd-analyze verify) and their
#     exposure is measured (systemd-analyze security --offline);
#   - `healthgate config --check`, `healthgate rules status` and a sync
#     (from a local web server) work as the user healthgate, and the data
#     folder /var/lib/healthgate is 0700;
#   - a terminal kiosk checks the demo codes as that user, and every file
#     it wrote is 0600;
#   - an upgrade over itself keeps the data and a local config edit;
#   - remove keeps the data and says so; purge deletes it and says so;
#   - with SCREENSHOT=1, the kiosk session (cage + the GUI, as the unit
#     starts it) runs on a virtual display and screenshots are saved.
# The fresh root is cached as a tarball in WORK_DIR; delete it to start over.
# Needs root (chroot, mounts) and the network to Debian's mirror.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(realpath -m "${1:-target/deb-test}")"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$work/root"
mkdir -p "$work"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v lintian >/dev/null || need+=(lintian)
if [ "${SCREENSHOT:-0}" = 1 ]; then
  command -v Xvfb >/dev/null || need+=(xvfb)
  command -v import >/dev/null || need+=(imagemagick)
fi
if [ ${#need[@]} -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

packaging/deb/build.sh "$work" | tee "$work/build.txt"
deb=$(sed -n 's/^built //p' "$work/build.txt")
[ -f "$deb" ] || fail "no package built"

step "lintian"
lintian --display-info "$deb" 2>&1 | grep -v '^running with root' | tee "$work/lintian.txt" || true
if grep -E '^(E|W):' "$work/lintian.txt"; then
  fail "lintian has errors or warnings (see $work/lintian.txt)"
fi

cleanup() {
  for m in tmp/.X11-unix dev/shm dev/pts dev proc sys; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m"; fi
  done
  if [ -n "${xvfb_pid:-}" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

step "a fresh Debian 12 root"
cleanup
rm -rf "$root"
tarball="$work/bookworm-minbase.tgz"
if [ ! -f "$tarball" ]; then
  debootstrap --variant=minbase --make-tarball="$tarball.part" bookworm "$work/tarball-tmp" "$mirror" >/dev/null
  mv "$tarball.part" "$tarball"
  rm -rf "$work/tarball-tmp"
fi
debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" >/dev/null
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
# No daemon starts inside the root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_kiosk() { in_root runuser -u healthgate -- env HOME=/var/lib/healthgate "$@"; }
in_root apt-get update -qq

step "install"
cp "$deb" "$root/tmp/healthgate.deb"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/healthgate.deb >"$work/install.txt" 2>&1 ||
  { cat "$work/install.txt"; fail "apt-get install"; }
in_root getent passwd healthgate || fail "no user healthgate"
# (Names of owners are looked up inside the root: its numbers are not the host's.)
[ "$(in_root stat -c '%a %U' /var/lib/healthgate)" = "700 healthgate" ] ||
  fail "/var/lib/healthgate is $(in_root stat -c '%a %U' /var/lib/healthgate)"
[ -L "$root/etc/systemd/system/graphical.target.wants/healthgate-kiosk.service" ] ||
  fail "the kiosk unit is not enabled"
[ ! -e "$root/etc/systemd/system/multi-user.target.wants/healthgate-serve.service" ] ||
  fail "the service is enabled without being asked"
in_root ldd /usr/bin/healthgate | grep -q 'not found' && fail "a library is missing"

step "the units"
in_root systemd-analyze verify --man=no /lib/systemd/system/healthgate-kiosk.service \
  /lib/systemd/system/healthgate-serve.service 2>&1 | tee "$work/verify.txt"
if grep -v -e '^$' "$work/verify.txt" | grep -q .; then
  fail "systemd-analyze verify complains"
fi
for unit in healthgate-kiosk healthgate-serve; do
  in_root systemd-analyze security --offline=true --no-pager "/lib/systemd/system/$unit.service" >"$work/security-$unit.txt" 2>&1 || true
  echo "$unit: $(grep -E 'Overall exposure level' "$work/security-$unit.txt")"
done

step "config --check and rules status as healthgate"
as_kiosk healthgate config --check | tee "$work/config-check.txt"
grep -q '^data folder: /var/lib/healthgate (there)' "$work/config-check.txt" || fail "data folder"
grep -q 'records     /var/lib/healthgate/records.sqlite' "$work/config-check.txt" || fail "records path"
as_kiosk healthgate rules status | tee "$work/rules-status.txt"

step "a sync as healthgate, with the bundle URL from a drop-in"
python3 -m http.server 8799 --bind 127.0.0.1 --directory assets >/dev/null 2>&1 &
http_pid=$!
sleep 1
printf '[bundle]\nurl = "http://127.0.0.1:8799/default-bundle.hgb"\n' >"$root/etc/healthgate/config.d/50-sync-test.toml"
as_kiosk healthgate sync | tee "$work/sync.txt" || fail "sync"
kill "$http_pid"
as_kiosk healthgate rules status | grep 'last success' || fail "no successful sync"
rm "$root/etc/healthgate/config.d/50-sync-test.toml"

step "a terminal kiosk checks the demo codes as healthgate"
as_kiosk healthgate kiosk --demo --demo-rounds 4 --demo-interval 0.1 </dev/null >"$work/kiosk.txt" 2>&1 ||
  { cat "$work/kiosk.txt"; fail "the terminal kiosk"; }
as_kiosk healthgate records stats | tee "$work/stats.txt"
loose=$(find "$root/var/lib/healthgate" -mindepth 1 \( -type f ! -perm 600 -o -type d ! -perm 700 \) -printf '%m %p\n')
[ -z "$loose" ] || fail "files not the owner's only: $loose"
in_root find /var/lib/healthgate -mindepth 1 -printf '%m %u %P\n' | sort -k3

step "upgrade over itself keeps the data and a local edit"
sed -i 's/^id = "kiosk-1"$/id = "door-7"/' "$root/etc/healthgate/config.toml"
records_before=$(md5sum <"$root/var/lib/healthgate/records.sqlite")
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall /tmp/healthgate.deb >"$work/upgrade.txt" 2>&1 ||
  { cat "$work/upgrade.txt"; fail "upgrade"; }
grep -q '^id = "door-7"$' "$root/etc/healthgate/config.toml" || fail "the config edit was lost"
[ "$(md5sum <"$root/var/lib/healthgate/records.sqlite")" = "$records_before" ] || fail "the records changed"
[ "$(in_root stat -c '%a %G' /etc/healthgate/config.toml)" = "640 healthgate" ] || fail "config mode"

if [ "${SCREENSHOT:-0}" = 1 ]; then
  step "the kiosk session on a virtual display"
  display=:97
  Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 2
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  mkdir -p "$root/run/healthgate-kiosk"
  in_root chown healthgate:healthgate /run/healthgate-kiosk
  chmod 700 "$root/run/healthgate-kiosk"
  # As the unit starts it, with the compositor drawing into an X window
  # (1024x768, the size of the virtual screen) instead of on a display of
  # its own.
  in_root runuser -u healthgate -- env HOME=/var/lib/healthgate RUNTIME_DIRECTORY=/run/healthgate-kiosk \
    DISPLAY="$display" WLR_BACKENDS=x11 WLR_RENDERER=pixman WLR_X11_OUTPUTS=1 WLR_LIBINPUT_NO_DEVICES=1 \
    /usr/lib/healthgate/kiosk-session --demo >"$work/session.txt" 2>&1 &
  session_pid=$!
  sleep "${SCREENSHOT_WAIT:-20}"
  # Three looks, a few demo codes apart.
  for n in 1 2 3; do
    DISPLAY="$display" import -window root "$work/kiosk-session-$n.png"
    sleep 4
  done
  pkill -x cage || true
  wait "$session_pid" || true
  echo "saved $work/kiosk-session-{1,2,3}.png"
fi

step "remove keeps the data"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq healthgate >"$work/remove.txt" 2>&1 ||
  { cat "$work/remove.txt"; fail "remove"; }
grep 'healthgate: kept /var/lib/healthgate' "$work/remove.txt" || fail "remove did not say it kept the data"
[ -f "$root/var/lib/healthgate/records.sqlite" ] || fail "remove deleted the records"

step "purge deletes it"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq healthgate >"$work/purge.txt" 2>&1 ||
  { cat "$work/purge.txt"; fail "purge"; }
grep 'healthgate: deleted /var/lib/healthgate' "$work/purge.txt" || fail "purge did not say it deleted the data"
[ ! -e "$root/var/lib/healthgate" ] || fail "purge left /var/lib/healthgate"
[ ! -e "$root/etc/healthgate/config.toml" ] || fail "purge left the config"
echo "OK: the package installs, runs as healthgate, upgrades and purges"
