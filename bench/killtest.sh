#!/usr/bin/env bash
# kill -9 under write load (issue 7): bash bench/killtest.sh [rounds, default 20]
# Each round: front-desk writes for 8 s (tests/RepairDispatch.Benchmarks write-load, which records every work order the
# service acknowledged with 201), a `kill -9` of the service at a random moment, a restart on the same database file.
# Then: every acknowledged work order is in the database, and nothing is half-written (integrity and foreign-key
# checks, every order has its Created event, numbers unique). Needs sqlite3. Exit 0 when nothing was lost.
source "$(dirname "$0")/lib.sh"
rounds="${1:-20}"
bench_prepare kill
bench_start_service
acked="$work/acked.txt"; : > "$acked"

restart() {
  (cd "$work/api" && exec dotnet RepairDispatch.Api.dll >> "$work/service.log" 2>&1) &
  server_pid=$!
  bench_pids="$bench_pids $server_pid"
  bench wait-ready --url "$url" --timeout 60 > /dev/null || { tail -n 30 "$work/service.log"; exit 2; }
}

lost_total=0
for round in $(seq 1 "$rounds"); do
  bench write-load --url "$url" --admin-password "$password" --out "$acked" --seconds 8 > "$work/load.log" 2>&1 &
  load_pid=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.1f", 2 + (r % 50) / 10 }')"
  kill -9 "$server_pid"
  wait "$load_pid" || true
  restart
  lost=$(sqlite3 "$db" ".mode csv" "CREATE TEMP TABLE acked(id TEXT);" ".import $acked acked" \
    "SELECT COUNT(*) FROM acked WHERE id NOT IN (SELECT id FROM work_orders);")
  lost_total=$((lost_total + lost))
  echo "round $round: $(wc -l < "$acked") acknowledged so far, $lost lost  ($(tail -n 1 "$work/load.log"))"
done

echo "== integrity"
integrity=$(sqlite3 "$db" "PRAGMA integrity_check;")
fk=$(sqlite3 "$db" "PRAGMA foreign_key_check;" | wc -l)
no_event=$(sqlite3 "$db" "SELECT COUNT(*) FROM work_orders w WHERE NOT EXISTS (SELECT 1 FROM work_order_events e WHERE e.work_order_id = w.id AND e.kind = 'Created');")
dup_numbers=$(sqlite3 "$db" "SELECT COUNT(*) FROM (SELECT store_id, number FROM work_orders GROUP BY store_id, number HAVING COUNT(*) > 1);")
echo "integrity_check: $integrity; foreign-key violations: $fk; orders without their Created event: $no_event; duplicate numbers: $dup_numbers"
echo "acknowledged work orders: $(wc -l < "$acked"), lost: $lost_total over $rounds kill -9 rounds"
if [ "$lost_total" -eq 0 ] && [ "$integrity" = ok ] && [ "$fk" -eq 0 ] && [ "$no_event" -eq 0 ] && [ "$dup_numbers" -eq 0 ]; then
  echo "RESULT: PASS"; exit 0
fi
echo "RESULT: FAIL"; exit 1
