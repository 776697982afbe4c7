#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz/ for FUZZ_SECONDS each (make fuzz), under ASan
# and UBSan, and prints per target: CPU seconds, executions, corpus size, crashes.
# The working corpus is BUILD/fuzz-corpus/NAME (seeded from tests/fuzz/NAME, which stays as
# it is); a crash is saved as BUILD/fuzz-crashes/NAME-crash-*: fix it, add it to
# tests/fuzz/NAME/ and to the unit's doctest file.
# Usage: run-fuzz.sh BUILD SECONDS [TARGET...]
set -uo pipefail
build=$1 seconds=$2
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pack batch batch_file store_request script free_text population campfire_batch)
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build/fuzz-crashes" "$build/fuzz-logs"
summary=$build/fuzz-summary.txt
printf '%-15s %8s %12s %8s %8s\n' target cpu_s executions corpus crashes | tee "$summary"
status=0
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t
  mkdir -p "$corpus"
  log=$build/fuzz-logs/$t.log
  # -rss_limit_mb: the pack target parses 120 KB packs; 2 GB keeps a leak visible.
  /usr/bin/time -f '%U %S' -o "$build/fuzz-logs/$t.time" \
    "$build/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$build/fuzz-crashes/$t-" "$corpus" "$src/tests/fuzz/$t" > "$log" 2>&1
  rc=$?
  cpu=$(awk '{printf "%.0f", $1 + $2}' "$build/fuzz-logs/$t.time" 2> /dev/null || echo "?")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  crashes=$(find "$build/fuzz-crashes" -name "$t-*" -type f | wc -l)
  printf '%-15s %8s %12s %8s %8s\n' "$t" "$cpu" "${execs:-?}" "$size" "$crashes" | tee -a "$summary"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    grep -m3 -E "ERROR: |runtime error|==ERROR" "$log" | sed 's/^/    /'
  fi
done
echo "(summary in $summary; logs in $build/fuzz-logs/)"
exit $status
