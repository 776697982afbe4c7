#!/usr/bin/env bash
# The packages as they ship: cpack builds both .debs from this build tree (as `make deb`
# does); they hold what they should and depend on what they use; every systemd unit they
# ship passes `systemd-analyze verify`; and the PACKAGED kiosk, unpacked with dpkg-deb -x
# (nothing is installed on this machine), runs inside cage (wlroots' headless backend, as
# a non-root user), reaches the attract screen and takes its own screenshot.
# Installing, removing and purging with apt-get: `make test-deb` (tests/deb_install.sh).
# Usage: e2e_package.sh WIJKSTEM SOURCE_DIR PNG_CHECK
set -euo pipefail
WIJKSTEM=$1 SRC=$2 PNG_CHECK=$3
BUILD=$(dirname "$WIJKSTEM")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
version=$(head -1 "$SRC/VERSION")

# 1. Both packages, from the already-built tree.
cpack --config "$BUILD/CPackConfig.cmake" -B "$tmp/dist" > "$tmp/cpack.log" 2>&1 || fail "cpack: $(tail -20 "$tmp/cpack.log")"
kiosk_deb=$tmp/dist/wijkstem_${version}-1_amd64.deb
store_deb=$tmp/dist/wijkstem-store_${version}-1_amd64.deb
[ -f "$kiosk_deb" ] && [ -f "$store_deb" ] || fail "cpack made: $(ls "$tmp/dist")"
for deb in "$kiosk_deb" "$store_deb"; do
  [ "$(dpkg-deb -f "$deb" Version)" = "${version}-1" ] || fail "$deb has version $(dpkg-deb -f "$deb" Version), VERSION says $version"
done
depends=$(dpkg-deb -f "$kiosk_deb" Depends)
for d in libglfw3 libsqlite3-0 libsodium23 libcurl4 libsystemd0 libespeak-ng1 cage xwayland fonts-dejavu-core adduser; do
  echo "$depends" | grep -q "\b$d\b" || fail "wijkstem does not depend on $d: $depends"
done
store_depends=$(dpkg-deb -f "$store_deb" Depends)
echo "$store_depends" | grep -q libsqlite3-0 || fail "wijkstem-store does not depend on libsqlite3-0: $store_depends"
echo "$store_depends" | grep -q libglfw3 && fail "wijkstem-store depends on GLFW: $store_depends"
dpkg-deb -c "$kiosk_deb" > "$tmp/kiosk.list"
dpkg-deb -c "$store_deb" > "$tmp/store.list"
for f in ./usr/bin/wijkstem ./usr/share/wijkstem/packs/gronings-model/pack.json ./lib/systemd/system/wijkstem-kiosk.service \
         ./usr/share/doc/wijkstem/copyright ./usr/share/doc/wijkstem/changelog.Debian.gz; do
  grep -q " $f\$" "$tmp/kiosk.list" || fail "wijkstem lacks $f"
done
for f in ./usr/bin/wijkstem-store ./lib/systemd/system/wijkstem-store.service ./lib/systemd/system/wijkstem-store-backup.service \
         ./lib/systemd/system/wijkstem-store-backup.timer ./etc/wijkstem-store/store.conf \
         ./usr/share/wijkstem-store/packs/gronings-model/pack.json; do
  grep -q " $f\$" "$tmp/store.list" || fail "wijkstem-store lacks $f"
done
grep -q "^root/root" <(awk '{print $2}' "$tmp/kiosk.list" | sort -u) || fail "files not owned by root"
dpkg-deb --ctrl-tarfile "$store_deb" | tar -xO ./conffiles | grep -qx /etc/wijkstem-store/store.conf \
  || fail "store.conf is not a conffile"
echo "ok: both packages built, version $version-1, with their files and Depends"

# 2. Unpack them into one root (dpkg-deb -x installs nothing) and verify every unit.
root=$tmp/root
mkdir -p "$root"
dpkg-deb -x "$kiosk_deb" "$root"
dpkg-deb -x "$store_deb" "$root"
# verify looks for the units' dependencies (sysinit.target, ...) and ExecStart's programs in
# the root: the machine's own units beside ours, and its cage and env.
units=$(cat "$tmp/kiosk.list" "$tmp/store.list" | sed -n 's#.* \./lib/systemd/system/\(.*\)$#\1#p' | grep . | sort)
[ "$(echo "$units" | wc -l)" = 4 ] || fail "expected 4 units, found: $units"
cp -rn /lib/systemd/system/. "$root/lib/systemd/system/"
mkdir -p "$root/usr/bin"
cp "$(command -v cage)" "$(command -v env)" "$root/usr/bin/"
for u in $units; do
  SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --root="$root" "$root/lib/systemd/system/$u" > "$tmp/verify.out" 2>&1 \
    || fail "systemd-analyze verify $u: $(cat "$tmp/verify.out")"
  # a warning is a failure too: an unknown directive is only a warning ("Unknown key ...")
  [ ! -s "$tmp/verify.out" ] || fail "systemd-analyze verify $u warned: $(cat "$tmp/verify.out")"
done
echo "ok: systemd-analyze verify passes for $(echo $units)"

# The shipped pack passes the shipped kiosk's own check.
"$root/usr/bin/wijkstem" check-content "$root/usr/share/wijkstem/packs/gronings-model" > "$tmp/check.out" 2>&1 \
  || fail "the packaged pack fails check-content: $(cat "$tmp/check.out")"

# 3. The packaged kiosk inside cage, as a non-root user (cage refuses root).
chmod 755 "$tmp"
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
rt=$tmp/run; data=$tmp/data; out=$tmp/out
mkdir -m 700 "$rt"; mkdir -m 700 "$data"; mkdir -m 777 "$out"
[ "$(id -u)" = 0 ] && chown nobody:nogroup "$rt" "$data"
cat > "$tmp/attract.script" <<SCRIPT
expect-screen attract
expect-text Nederlands
screenshot $out/attract.png
SCRIPT
chmod 644 "$tmp/attract.script"
start=$(date +%s.%N)
env -i PATH=/usr/bin:/bin HOME="$data" XDG_RUNTIME_DIR="$rt" WLR_BACKENDS=headless WLR_RENDERER=pixman \
  WLR_LIBINPUT_NO_DEVICES=1 "${run_as[@]}" timeout 120 cage -- "$root/usr/bin/wijkstem" --data "$data" --no-sync \
  --script "$tmp/attract.script" > "$tmp/cage.log" 2>&1 || fail "the packaged kiosk in cage: $(tail -30 "$tmp/cage.log")"
end=$(date +%s.%N)
[ -f "$out/attract.png" ] || fail "no screenshot from the kiosk in cage: $(tail -30 "$tmp/cage.log")"
"$PNG_CHECK" "$out/attract.png" 640 480 || fail "the screenshot in cage is missing, too small or blank"
echo "ok: the packaged kiosk ran inside cage as $( [ ${#run_as[@]} -gt 0 ] && echo nobody || id -un ), reached the attract screen and took its screenshot ($(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s)"
