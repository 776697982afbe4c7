#!/usr/bin/env bash
# make test-deb: install both packages with apt-get on THIS machine, use them, remove and
# purge them, and check what Debian users expect (docs/install.md): remove keeps the answers
# and the store's database; purge removes them, except a kiosk journal that still holds
# answers waiting for a store, which is kept with a message that says where.
# Needs root; changes the machine (it leaves the users wijkstem and wijkstem-store behind,
# as Debian packages do).  Usage: deb_install.sh DIST BUILD
set -euo pipefail
DIST=$(realpath "$1") BUILD=$(realpath "$2")
[ "$(id -u)" = 0 ] || { echo "make test-deb needs root (it installs packages)" >&2; exit 1; }
tmp=$(mktemp -d)
chmod 755 "$tmp"
store_pid=
cleanup() { [ -n "$store_pid" ] && kill "$store_pid" 2> /dev/null; wait 2> /dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
install_both() { apt-get install -y -qq "$DIST"/wijkstem_*.deb "$DIST"/wijkstem-store_*.deb > "$tmp/apt.log" 2>&1 || fail "apt-get install: $(tail -20 "$tmp/apt.log")"; }
as_kiosk() { runuser -u wijkstem -- "$@"; }
as_store() { runuser -u wijkstem-store -- "$@"; }
json_field() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p"; }

# 1. Install both.
install_both
for f in /usr/bin/wijkstem /usr/bin/wijkstem-store /usr/share/wijkstem/packs/gronings-model/pack.json \
         /lib/systemd/system/wijkstem-kiosk.service /etc/wijkstem-store/store.conf; do
  [ -e "$f" ] || fail "$f is not installed"
done
getent passwd wijkstem > /dev/null && getent passwd wijkstem-store > /dev/null || fail "the users were not made"
[ "$(stat -c '%U %a' /var/lib/wijkstem)" = "wijkstem 700" ] || fail "/var/lib/wijkstem: $(stat -c '%U %a' /var/lib/wijkstem)"
[ "$(stat -c '%U %a' /var/lib/wijkstem-store)" = "wijkstem-store 700" ] || fail "/var/lib/wijkstem-store: $(stat -c '%U %a' /var/lib/wijkstem-store)"
[ -L /etc/systemd/system/graphical.target.wants/wijkstem-kiosk.service ] || fail "the kiosk session is not enabled"
[ -L /etc/systemd/system/multi-user.target.wants/wijkstem-store.service ] || fail "the store service is not enabled"
[ -L /etc/systemd/system/timers.target.wants/wijkstem-store-backup.timer ] || fail "the backup timer is not enabled"
echo "ok: installed; users, folders and units in place"

# 2. Use them as the README says: the store as its user, the kiosk enrols, set-pin, visits.
db=/var/lib/wijkstem-store/store.db
port=$(( 20000 + (RANDOM % 20000) ))
runuser -u wijkstem-store -- wijkstem-store serve --db "$db" --listen "127.0.0.1:$port" 2> "$tmp/store.log" &
store_pid=$!
for i in $(seq 200); do grep -q listening "$tmp/store.log" && break; sleep 0.05; done
code=$(as_store wijkstem-store enroll-code --db "$db" --wijk Oosterpark)
as_kiosk wijkstem enroll "http://127.0.0.1:$port" "$code" > /dev/null || fail "enrol as the wijkstem user"
echo 4711 | as_kiosk wijkstem set-pin > /dev/null || fail "set-pin as the wijkstem user"
[ -f /var/lib/wijkstem/journal.sqlite ] || fail "the installed kiosk did not use /var/lib/wijkstem"
[ "$(stat -c %U /var/lib/wijkstem/journal.sqlite)" = wijkstem ] || fail "the journal is not the kiosk user's"
if wijkstem status > "$tmp/root.out" 2>&1; then fail "status as root on the kiosk's data was allowed"; fi
grep -q "sudo -u wijkstem" "$tmp/root.out" || fail "root got no hint: $(cat "$tmp/root.out")"
printf 'tap start\ntap prettig-wonen.4\ntap stop\ntap done\n' > "$tmp/visit.script"
chmod 644 "$tmp/visit.script"
as_kiosk wijkstem --headless --no-sync --script "$tmp/visit.script" || fail "a visit on the installed kiosk"
as_kiosk wijkstem sync > /dev/null || fail "sync from the installed kiosk"
as_kiosk wijkstem --headless --no-sync --script "$tmp/visit.script" 2> /dev/null || true # the 5 s gap may refuse it
sleep 5
as_kiosk wijkstem --headless --no-sync --script "$tmp/visit.script" || fail "a second visit"
waiting=$(as_kiosk wijkstem status --json | json_field waiting)
[ "$waiting" -ge 1 ] || fail "no answer waiting for the store"
as_kiosk wijkstem status --json | grep -q '"open_now": true' || fail "status --json has no open_now"
as_store wijkstem-store backup --db "$db" --out-dir /var/lib/wijkstem-store/backups --keep 14 > /dev/null || fail "backup as the store's user"
kill "$store_pid"; wait "$store_pid" 2> /dev/null || true; store_pid=
echo "ok: enrol, set-pin, visits, sync, status and a backup work as the packages' users ($waiting answer(s) waiting)"

# 3. Remove keeps the answers and the database.
apt-get remove -y -qq wijkstem wijkstem-store > "$tmp/remove.log" 2>&1 || fail "apt-get remove: $(tail "$tmp/remove.log")"
[ ! -e /usr/bin/wijkstem ] && [ ! -e /usr/bin/wijkstem-store ] || fail "remove left the binaries"
[ -f /var/lib/wijkstem/journal.sqlite ] || fail "remove deleted the kiosk's journal"
[ -f "$db" ] && ls /var/lib/wijkstem-store/backups/wijkstem-store-*.db > /dev/null || fail "remove deleted the store's database or backups"
[ -f /etc/wijkstem-store/store.conf ] || fail "remove deleted the store's settings"
echo "ok: remove keeps the answers, the database, the backups and the settings"

# 4. Purge: the store's data goes; the kiosk journal with waiting answers stays, and says so.
apt-get purge -y -qq wijkstem wijkstem-store > "$tmp/purge.log" 2>&1 || fail "apt-get purge: $(tail "$tmp/purge.log")"
[ ! -e /var/lib/wijkstem-store ] && [ ! -e /etc/wijkstem-store ] || fail "purge left the store's data or settings"
[ -f /var/lib/wijkstem/journal.sqlite ] || fail "purge deleted a journal with answers waiting for a store"
grep -q "KEPT /var/lib/wijkstem" "$tmp/purge.log" || fail "purge did not say where the journal is: $(cat "$tmp/purge.log")"
grep -q "$waiting answer(s)" "$tmp/purge.log" || fail "purge did not say how many answers wait: $(cat "$tmp/purge.log")"
[ ! -e /etc/systemd/system/graphical.target.wants/wijkstem-kiosk.service ] || fail "purge left the kiosk unit enabled"
echo "ok: purge removes the store's data; keeps the kiosk journal with $waiting waiting answer(s): $(grep KEPT "$tmp/purge.log")"

# 5. Again, with nothing waiting: purge removes the kiosk's data too.
rm -rf /var/lib/wijkstem
install_both
as_kiosk wijkstem status > /dev/null
[ -f /var/lib/wijkstem/journal.sqlite ] || fail "no journal after status"
apt-get purge -y -qq wijkstem wijkstem-store > "$tmp/purge2.log" 2>&1 || fail "apt-get purge (2): $(tail "$tmp/purge2.log")"
[ ! -e /var/lib/wijkstem ] || fail "purge kept a journal with nothing waiting: $(cat "$tmp/purge2.log")"
grep -q KEPT "$tmp/purge2.log" && fail "purge said it kept the journal"
echo "ok: with nothing waiting, purge removes /var/lib/wijkstem"
