#!/usr/bin/env bash
# Several store processes (issue 18, docs/operations.md "Several store processes"): two
# `wijkstem-store serve` processes on one database, behind nginx (an `upstream` of the two,
# Debian's nginx-light, started here as a plain process in the test's folder). Several real
# kiosks, each with thousands of answers, sync through nginx at once, so both processes take
# batches. Once each process has acknowledged batches, and while nginx has a request open at
# store A, A is killed with SIGKILL: the batches it held are never acknowledged (nginx's log
# shows them cut off). The kiosks sync again (nginx sends them to the survivor, B) until
# nothing waits, and one more whole round, content too, ends well. Then, read only through
# backend-neutral commands (`wijkstem-store export --csv`, `devices`) and the kiosks' own
# journals: every answer every kiosk holds is in the store exactly once, under its own kiosk
# with its own seq; none missing, none twice, no other rows.
#
# The database (lib.sh's new_store_db): a schema of its own in $WIJKSTEM_PG_URL when that is
# set (tests/pg_cluster.sh run sets it), else a SQLite file in the test's folder (two
# processes on one SQLite file in WAL mode work too). A store
# that does not know postgresql:// targets yet (its backend not built) makes the test skip:
# exit 77.
# Usage: e2e_two_stores.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]  (wijkstem-store sits next to WIJKSTEM)
# Environment: E2E_KIOSKS (default 6), E2E_VISITS (visits per kiosk, 4 answers each; default 600),
#              E2E_SEED (default: random, printed).
set -euo pipefail
WIJKSTEM=$1
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
pid_a='' pid_b='' port_a='' port_b='' nginx_pid=''
sync_pids=()
reported=0
cleanup() {
  local rc=$? p
  # set -e ended the test on a command that failed where no check expected it: say so.
  ((rc == 0 || rc == 77 || reported)) || echo "FAIL: the test stopped on an unexpected error (status $rc)" >&2
  for p in "${sync_pids[@]}" $pid_a $pid_b; do kill -KILL "$p" 2> /dev/null || true; done
  # nginx's master ends its workers on TERM (QUIT would wait for open connections).
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # json_field, q, wait_listening, new_store_db, quick_visit

# lib.sh's fail shows $tmp/store.log; here there are two stores and nginx.
fail() {
  echo "FAIL (seed $SEED, $backend): $*" >&2
  reported=1
  local log
  for log in "$tmp/store-a.log" "$tmp/store-b.log" "$tmp/nginx/error.log"; do
    [ -s "$log" ] && tail -n 15 "$log" | sed "s|^|  ${log#"$tmp"/}: |" >&2
  done
  exit 1
}

SEED=${E2E_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$SEED
KIOSKS=${E2E_KIOSKS:-6}
VISITS=${E2E_VISITS:-600}
backend=SQLite
[ -n "${WIJKSTEM_PG_URL:-}" ] && backend=PostgreSQL
db=$(new_store_db store) # the file $tmp/store.db, or a schema of its own in WIJKSTEM_PG_URL
[ -n "$db" ] || exit 1   # new_store_db said why
for tool in sqlite3 nginx ss curl; do
  command -v $tool > /dev/null || fail "$tool is missing (tools/install-deps.sh installs it)"
done

ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
waiting() { q "$1/journal.sqlite" 'SELECT count(*) FROM answers WHERE synced_at IS NULL'; }
taken_ports=" "
free_port() { # a loopback port no socket uses now, below Linux's ephemeral range (32768-)
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))
    [[ "$taken_ports" == *" $p "* ]] && continue
    ss -Htan "sport = :$p" | grep -q . || { echo $p; return; }
  done
}

# start_serve NAME [PORT]: one `serve` process on the shared database, on PORT or a free port
# (another one if that was taken meanwhile); sets pid_NAME and port_NAME. No rate limit per
# address: behind nginx every kiosk comes from nginx's address (docs/operations.md).
start_serve() {
  local log=$tmp/store-$1.log pid p
  for _ in 1 2 3 4 5; do
    p=${2:-$(free_port)}
    : > "$log"
    "$STORE" serve --db "$db" --listen "127.0.0.1:$p" --rate-per-addr 0 2>> "$log" &
    pid=$!
    if wait_listening "$log" "$pid"; then
      printf -v "pid_$1" %s "$pid"
      printf -v "port_$1" %s "$p"
      taken_ports+="$p "
      return 0
    fi
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    grep -q "in use" "$log" || break # only a taken port is worth another try
    [ -z "${2:-}" ] || sleep 0.5     # PORT: its last user may still be closing it
  done
  # A store without the PostgreSQL backend takes a postgresql:// URL for a file name (and
  # says it cannot create it), or says the backend is not built: skip, the test turns on by
  # itself when the backend lands.
  if [ "$backend" = PostgreSQL ] &&
     grep -Eqi 'not built|unknown (target|backend|database)|cannot create postgresql://|not supported' "$log"; then
    echo "SKIP: this wijkstem-store has no PostgreSQL backend; it said: $(head -1 "$log")"
    exit 77
  fi
  fail "store $1 did not start (last on port $p)"
}

# --- Two store processes on one database (A first: it makes the schema; B finds it).
start_serve a
start_serve b

# --- nginx in front: round robin over A and B (the example in docs/operations.md).
ng=$tmp/nginx
mkdir -p "$ng"
# As root nginx's workers would become `nobody`, who cannot enter this folder (0700).
[ "$(id -u)" = 0 ] && run_as="user root root;" || run_as=
nginx_conf() { # PORT
  cat > "$ng/nginx.conf" << EOF
$run_as
daemon off;
worker_processes 1;
pid $ng/nginx.pid;
error_log $ng/error.log error;
events { worker_connections 512; }
http {
  log_format upstream '\$request_method \$uri \$status \$upstream_addr \$upstream_status';
  access_log $ng/access.log upstream;
  client_body_temp_path $ng/body;
  proxy_temp_path $ng/proxy;
  fastcgi_temp_path $ng/fastcgi;
  uwsgi_temp_path $ng/uwsgi;
  scgi_temp_path $ng/scgi;

  upstream wijkstem_store {
    server 127.0.0.1:$port_a max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$port_b max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:$1;
    client_max_body_size 2m; # a batch is at most 1 MiB; the store checks the exact limit
    location / {
      proxy_pass http://wijkstem_store;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      # nginx's default: a store that refuses the connection is skipped; a POST already
      # sent to a store that dies is not sent again (the kiosk sends it again itself).
      proxy_next_upstream error timeout;
      proxy_read_timeout 120s;
    }
  }
}
EOF
}
# start_nginx: nginx on a free port (another one if that was taken meanwhile); sets
# nginx_pid, port_n and url.
start_nginx() {
  local i
  for _ in 1 2 3 4 5; do
    port_n=$(free_port)
    nginx_conf "$port_n"
    : > "$ng/error.log"
    nginx -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" 2> "$ng/start.err" &
    nginx_pid=$!
    url=http://127.0.0.1:$port_n
    for i in $(seq 200); do # nginx answers (its own Server header), or has ended
      curl -s -D - -o /dev/null --max-time 2 "$url/" | grep -qi '^server: nginx' && return 0
      kill -0 "$nginx_pid" 2> /dev/null || break
      sleep 0.05
    done
    kill -TERM "$nginx_pid" 2> /dev/null || true
    wait "$nginx_pid" 2> /dev/null || true
    nginx_pid=
    grep -q "in use" "$ng/error.log" "$ng/start.err" || break # only a taken port is worth another try
  done
  fail "nginx did not start: $(cat "$ng/start.err") $(tail -3 "$ng/error.log")"
}
start_nginx
: > "$ng/access.log"

# --- Kiosks: enrolled through nginx; add_answers gives each VISITS more visits (4 answers each).
wijken=(Oosterpark Selwerd Vinkhuizen)
visits_script() { # VISITS visits with varied answers
  local smiley=(1 2 3 4 5) yes_no=(ja nee weet-niet) budget=(groen spelen veiligheid ontmoeten activiteiten) i
  for ((i = 0; i < VISITS; i++)); do
    quick_visit "${smiley[RANDOM % 5]}" "${yes_no[RANDOM % 3]}" "${budget[RANDOM % 5]}" "${yes_no[RANDOM % 3]}"
  done
}
per_kiosk=0
add_answers() { # the journals fill in parallel: mostly waiting for fsync
  local k pids=()
  for ((k = 1; k <= KIOSKS; k++)); do
    visits_script > "$tmp/visits$k.script"
    "$WIJKSTEM" --headless --no-sync --data "$tmp/k$k" --script "$tmp/visits$k.script" 2> "$tmp/visits$k.err" &
    pids+=($!)
  done
  for ((k = 1; k <= KIOSKS; k++)); do
    wait "${pids[k - 1]}" || fail "kiosk $k's visit script failed: $(cat "$tmp/visits$k.err")"
  done
  per_kiosk=$((per_kiosk + VISITS * 4))
}
t_setup=$(ms_now)
for ((k = 1; k <= KIOSKS; k++)); do
  code=$("$STORE" enroll-code --db "$db" --wijk "${wijken[k % 3]}") || fail "no enrolment code"
  "$WIJKSTEM" enroll "$url" "$code" --data "$tmp/k$k" > /dev/null 2> "$tmp/enroll$k.err" ||
    fail "kiosk $k could not enrol through nginx: $(cat "$tmp/enroll$k.err")"
  devices[k]=$("$WIJKSTEM" status --json --data "$tmp/k$k" | sed -n 's/.*"device_id": *"\([0-9a-f-]*\)".*/\1/p')
  [ -n "${devices[k]}" ] || fail "kiosk $k has no device id"
done
add_answers
for ((k = 1; k <= KIOSKS; k++)); do
  [ "$(waiting "$tmp/k$k")" = $per_kiosk ] || fail "kiosk $k should have $per_kiosk answers waiting, has $(waiting "$tmp/k$k")"
done
echo "set-up: $backend, stores A :$port_a and B :$port_b behind nginx :$port_n; $KIOSKS kiosks with" \
     "$per_kiosk answers each ($((KIOSKS * per_kiosk)) in all, batches of at most 1000) in $(( $(ms_now) - t_setup )) ms; seed $SEED"

# --- All kiosks sync at once. Once each store has acknowledged batches (nginx logs a
#     request when it ends) and nginx has a connection open to A (a request A holds), A is
#     killed with SIGKILL. nginx's log then shows whether a batch was cut off at A (502). On
#     a loaded machine the moment may be missed (the connection was a content request, or
#     the rounds had ended): then A starts again, nginx reloads (forgetting that A was down),
#     every kiosk gets more answers, and it is tried again (3 attempts).
log_lines() { wc -l < "$ng/access.log"; }
acked_at() { tail -n +$(($2 + 1)) "$ng/access.log" | grep -c "^POST /v1/answers 200 127.0.0.1:$1 " || true; } # PORT FROM_LINE
open_to_a() { ss -Htn state established "dport = :$port_a" | grep -q .; }
syncing() { local p; for p in "${sync_pids[@]}"; do kill -0 "$p" 2> /dev/null && return 0; done; return 1; }
attempt=0 cut=0
while :; do
  attempt=$((attempt + 1))
  from=$(log_lines) batches=0
  for ((k = 1; k <= KIOSKS; k++)); do batches=$((batches + ($(waiting "$tmp/k$k") + 999) / 1000)); done
  t0=$(ms_now)
  for ((k = 1; k <= KIOSKS; k++)); do
    "$WIJKSTEM" sync --data "$tmp/k$k" > "$tmp/sync1-$attempt-$k.out" 2>&1 &
    sync_pids+=($!)
  done
  killed=0
  while (( $(ms_now) - t0 < 30000 )) && syncing; do
    if (( $(acked_at "$port_a" "$from") >= 2 && $(acked_at "$port_b" "$from") >= 2 )) && open_to_a; then
      { kill -KILL "$pid_a"; wait "$pid_a"; } 2> /dev/null || true # no "Killed" line from bash
      killed=$(ms_now)
      pid_a=
      break
    fi
    sleep 0.002
  done
  kill_ms=$((killed - t0))
  acked_at_kill=$(( $(acked_at "$port_a" "$from") + $(acked_at "$port_b" "$from") ))
  failed_rounds=0
  for ((k = 1; k <= KIOSKS; k++)); do
    rc=0
    wait "${sync_pids[k - 1]}" || rc=$?
    ((rc == 0)) || failed_rounds=$((failed_rounds + 1))
  done
  sync_pids=()
  # What nginx saw: batches each store answered, and batches A held when it died (sent to
  # A, no reply: 502, not passed on to B since a POST may have been stored).
  served_a=$(acked_at "$port_a" "$from")
  served_b=$(acked_at "$port_b" "$from")
  cut=$(tail -n +$((from + 1)) "$ng/access.log" | grep -c "^POST /v1/answers 502 127.0.0.1:$port_a 502" || true)
  if ((killed)); then
    echo "kill (attempt $attempt): store A SIGKILLed ${kill_ms} ms into the sync, when $acked_at_kill of the $batches" \
         "batches were acknowledged; $cut batch(es) in flight at A were cut off; in this round A answered $served_a" \
         "batch(es), B $served_b; $failed_rounds of $KIOSKS kiosks' sync rounds ended on the error"
  else
    echo "attempt $attempt: no moment with batches acknowledged by both stores and a request open at A before the" \
         "rounds ended (A answered $served_a, B $served_b); kiosk 1's sync said: $(tail -1 "$tmp/sync1-$attempt-1.out")"
  fi
  ((killed && cut > 0)) && break
  ((attempt < 3)) || fail "in $attempt attempts the kill never landed mid-batch (nginx saw no batch cut off at A)"
  if ((killed)); then
    start_serve a "$port_a"
    kill -HUP "$nginx_pid" # new workers, which know nothing of A's death
    sleep 0.5
  fi
  add_answers
done
((served_a > 0 && served_b > 0)) || fail "the kiosks did not sync through both stores (A $served_a, B $served_b batches)"

# --- The kiosks sync again through nginx (to B, the survivor) until nothing waits (bounded).
rounds=0 resent=0 from=$(log_lines)
while :; do
  left=0
  for ((k = 1; k <= KIOSKS; k++)); do left=$((left + $(waiting "$tmp/k$k"))); done
  ((left > 0)) || break
  rounds=$((rounds + 1))
  ((rounds <= 5)) || fail "$left answers still waiting after 5 more sync rounds"
  for ((k = 1; k <= KIOSKS; k++)); do
    "$WIJKSTEM" sync --data "$tmp/k$k" > "$tmp/sync2-$rounds-$k.out" 2>&1 &
    sync_pids+=($!)
  done
  for ((k = 1; k <= KIOSKS; k++)); do wait "${sync_pids[k - 1]}" || true; done
  sync_pids=()
done
# Answers sent again that the store already had: the batch A committed just before it died.
for f in "$tmp"/sync2-*.out; do
  [ -e "$f" ] || continue
  n=$(sed -n 's/.* \([0-9][0-9]*\) already stored.*/\1/p' "$f" | head -1)
  resent=$((resent + ${n:-0}))
done
served_b2=$(acked_at "$port_b" "$from")
# A whole round for every kiosk, its wijk's content too, ends well at the survivor.
for ((k = 1; k <= KIOSKS; k++)); do
  "$WIJKSTEM" sync --data "$tmp/k$k" > "$tmp/sync3-$k.out" 2>&1 || fail "kiosk $k's last sync round failed: $(cat "$tmp/sync3-$k.out")"
  grep -q "; 0 still waiting" "$tmp/sync3-$k.out" || fail "kiosk $k's last sync round: $(cat "$tmp/sync3-$k.out")"
done
echo "resync: $rounds more round(s) through nginx, $served_b2 batch(es) to B; $resent answer(s) came back already stored"
total=$((KIOSKS * per_kiosk))

# --- The store, through its own commands: every answer once, under its own kiosk.
"$STORE" export --db "$db" --csv > "$tmp/export.csv" 2> "$tmp/export.err" || fail "export: $(cat "$tmp/export.err")"
head -1 "$tmp/export.csv" | grep -q '^answer_id,device_id,device_seq,' || fail "export header: $(head -1 "$tmp/export.csv")"
tail -n +2 "$tmp/export.csv" | cut -d, -f1-3 | sort > "$tmp/store.ids"
: > "$tmp/kiosks.ids"
for ((k = 1; k <= KIOSKS; k++)); do
  q "$tmp/k$k/journal.sqlite" "SELECT id || ',${devices[k]},' || seq FROM answers" >> "$tmp/kiosks.ids"
done
sort -o "$tmp/kiosks.ids" "$tmp/kiosks.ids"
rows=$(wc -l < "$tmp/store.ids")
distinct=$(cut -d, -f1 "$tmp/store.ids" | sort -u | wc -l)
kiosk_rows=$(wc -l < "$tmp/kiosks.ids")
missing=$(comm -23 "$tmp/kiosks.ids" "$tmp/store.ids" | wc -l)
extra=$(comm -13 "$tmp/kiosks.ids" "$tmp/store.ids" | wc -l)
twice=$(cut -d, -f1 "$tmp/store.ids" | uniq -d | wc -l)
echo "store: $rows rows in the CSV, $distinct distinct answer ids; kiosks: $kiosk_rows answers;" \
     "$missing missing, $extra not from a kiosk (or under another kiosk or seq), $twice stored twice"
((kiosk_rows == total)) || fail "the kiosks hold $kiosk_rows answers, not $total"
((missing == 0)) || fail "$missing answer(s) missing at the store, e.g. $(comm -23 "$tmp/kiosks.ids" "$tmp/store.ids" | head -1)"
((twice == 0)) || fail "$twice answer id(s) stored more than once, e.g. $(cut -d, -f1 "$tmp/store.ids" | uniq -d | head -1)"
((extra == 0)) || fail "$extra store row(s) no kiosk holds like that, e.g. $(comm -13 "$tmp/kiosks.ids" "$tmp/store.ids" | head -1)"
((rows == total && distinct == total)) || fail "the store has $rows rows ($distinct ids), the kiosks $total answers"
# Completeness as the store reports it: per kiosk all answers, the highest seq, no gaps.
"$STORE" devices --db "$db" > "$tmp/devices.out" 2>&1 || fail "devices: $(cat "$tmp/devices.out")"
for ((k = 1; k <= KIOSKS; k++)); do
  line=$(awk -v d="${devices[k]}" '$1 == d {print $3, $4, $5}' "$tmp/devices.out")
  [ "$line" = "$per_kiosk $per_kiosk 0" ] ||
    fail "devices for kiosk $k (${devices[k]}): '$line' (answers, max seq, missing), not '$per_kiosk $per_kiosk 0'; devices said: $(head -4 "$tmp/devices.out")"
done
for ((k = 1; k <= KIOSKS; k++)); do
  json=$("$WIJKSTEM" status --json --data "$tmp/k$k")
  [ "$(echo "$json" | json_field waiting)" = 0 ] || fail "kiosk $k still has answers waiting: $json"
done
echo "ok: $backend, 2 store processes behind nginx, A killed mid-batch ${kill_ms} ms in (attempt $attempt); $total answers from" \
     "$KIOSKS kiosks, each in the store exactly once, none missing (whole run $(( $(ms_now) - t_setup )) ms)"
