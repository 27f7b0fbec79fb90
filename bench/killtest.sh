#!/usr/bin/env bash
# kill -9 under write load (issue 7): bash bench/killtest.sh [rounds, default 20]
# Each round: front-desk writes for 8 s (tests/RepairDispatch.Benchmarks write-load, which records every work order the
# service acknowledged with 201), a `kill -9` of the service at a random moment, a restart on the same database file.
# Then: every acknowledged work order is in the database, and nothing is half-written (integrity and foreign-key
# checks, every order has its Created event, numbers unique; `kill-check` of the benchmark program). Exit 0 when nothing was lost.
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

rounds_with_loss=0
for round in $(seq 1 "$rounds"); do
  bench write-load --url "$url" --admin-password "$password" --out "$acked" --seconds 8 > "$work/load.log" 2>&1 &
  load_pid=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.1f", 2 + (r % 50) / 10 }')"
  kill -9 "$server_pid"
  wait "$load_pid" || true
  restart
  checked=$(bench kill-check --db "$db" --acked "$acked") || rounds_with_loss=$((rounds_with_loss + 1))
  echo "round $round: $checked  ($(tail -n 1 "$work/load.log"))"
done

echo "== integrity"
final=0
bench kill-check --db "$db" --acked "$acked" --final true || final=$?
echo "over $rounds kill -9 rounds; rounds with a lost write: $rounds_with_loss"
if [ "$rounds_with_loss" -eq 0 ] && [ "$final" -eq 0 ]; then
  echo "RESULT: PASS"; exit 0
fi
echo "RESULT: FAIL"; exit 1
