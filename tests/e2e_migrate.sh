#!/usr/bin/env bash
# wijkstem-store migrate (issue 18): a SQLite store that kiosks synced into, with updates, a
# dorp and a console user, copied into PostgreSQL. Every table compares equal (rows and a
# checksum, printed by migrate itself); the CSV export, devices, news and users read the same
# from both; a second migrate into the now full target is refused and changes nothing; a
# store process on PostgreSQL then takes the kiosks' next answers, each once.
# Runs under tests/pg_cluster.sh (the ctest e2e_migrate_pg).
# Usage: e2e_migrate.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, q, start_store_anywhere, ...
trap e2e_cleanup EXIT
[ -n "${WIJKSTEM_PG_URL:-}" ] || fail "run me under tests/pg_cluster.sh run (no WIJKSTEM_PG_URL)"

file=$tmp/store.db
start_store_anywhere "$file"
for k in a b; do enrol_kiosk "$file" Oosterpark "$tmp/$k"; done
for i in $(seq 12); do quick_visit 4 ja groen nee 31; done > "$tmp/a.script"
for i in $(seq 7); do quick_visit 2 nee spelen ja 31; done > "$tmp/b.script"
for k in a b; do
  "$WIJKSTEM" --headless --data "$tmp/$k" --script "$tmp/$k.script" || fail "kiosk $k's visits"
  "$WIJKSTEM" sync --data "$tmp/$k" > /dev/null || fail "sync $k"
done
echo "Er komen vier nieuwe bankjes in het park." > "$tmp/news.txt"
"$STORE" news add --db "$file" --wijk Oosterpark --title "Bankjes" --text-file "$tmp/news.txt" > /dev/null \
  || fail "news add"
"$STORE" place --db "$file" --wijk Oosterpark --kind dorp > /dev/null || fail "place"
echo "een goed wachtwoord voor anna" | "$STORE" add-user --db "$file" anna --role gebiedsteam --wijk Oosterpark \
  > /dev/null || fail "add-user"
stop_store
[ "$(q "$file" 'SELECT count(*) FROM answers')" = 76 ] || fail "the SQLite store should hold 19 visits of 4 answers"

# Refused: a target that is no PostgreSQL; nothing copied.
if "$STORE" migrate --from "$file" --to "$tmp/other.db" 2> "$tmp/err"; then fail "migrate into a file was accepted"; fi
grep -q "into PostgreSQL" "$tmp/err" || fail "migrate into a file: $(cat "$tmp/err")"

target=$(new_store_db migrated)
"$STORE" migrate --from "$file" --to "$target" > "$tmp/migrate.out" 2> "$tmp/migrate.err" \
  || fail "migrate: $(cat "$tmp/migrate.err")"
cat "$tmp/migrate.out"
grep -q "^answers  *76 rows .* same$" "$tmp/migrate.out" || fail "answers: $(cat "$tmp/migrate.out")"
! grep -q "DIFFERS" "$tmp/migrate.out" || fail "a table differs"
[ "$(grep -c ' same$' "$tmp/migrate.out")" -ge 20 ] || fail "not every table was compared"
# The same answers, devices, updates and users, as the commands show them.
for cmd in "export --csv" devices "news list" users; do
  # shellcheck disable=SC2086
  "$STORE" $cmd --db "$file" > "$tmp/from.out" || fail "$cmd on the file"
  # shellcheck disable=SC2086
  "$STORE" $cmd --db "$target" > "$tmp/to.out" || fail "$cmd on PostgreSQL"
  diff "$tmp/from.out" "$tmp/to.out" > "$tmp/diff" || fail "$cmd differs after migrate: $(head -5 "$tmp/diff")"
done
[ "$(q "$target" "SELECT kind FROM places WHERE wijk = 'Oosterpark'")" = dorp ] || fail "the dorp was not copied"
echo "ok: 76 answers, devices, updates, the dorp and a user copied; every table the same"

# A second migrate into the full target: refused, nothing changed.
"$STORE" export --csv --db "$target" > "$tmp/before.csv"
if "$STORE" migrate --from "$file" --to "$target" > /dev/null 2> "$tmp/again.err"; then fail "a second migrate was accepted"; fi
grep -q "is not empty" "$tmp/again.err" || fail "second migrate: $(cat "$tmp/again.err")"
"$STORE" export --csv --db "$target" | cmp -s - "$tmp/before.csv" || fail "a refused migrate changed the target"
echo "ok: a second migrate into a store that holds rows is refused and changes nothing"

# The store on PostgreSQL goes on where the file stopped: the kiosks' tokens, their counts,
# new answers each once (the identity column continues after the copied rowids).
start_store "$target" "$port" || fail "the store on PostgreSQL did not start on port $port"
quick_visit 5 ja groen ja 31 > "$tmp/new.script"
"$WIJKSTEM" --headless --data "$tmp/a" --script "$tmp/new.script" || fail "a new visit"
"$WIJKSTEM" sync --data "$tmp/a" > "$tmp/sync.out" 2>&1 || fail "sync to the store on PostgreSQL: $(cat "$tmp/sync.out")"
[ "$(q "$target" 'SELECT count(*) FROM answers')" = 80 ] || fail "the store on PostgreSQL should hold 80 answers: $(cat "$tmp/sync.out")"
[ "$(q "$target" 'SELECT count(DISTINCT id) FROM answers')" = 80 ] || fail "an answer is there twice"
[ "$(q "$target" 'SELECT count(DISTINCT rowid) FROM answers')" = 80 ] || fail "rowids collide"
echo "ok: the store on PostgreSQL took 4 new answers after the migration; 80, each once"
