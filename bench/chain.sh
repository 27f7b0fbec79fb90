#!/usr/bin/env bash
# RepairDispatch chain-scale benchmark (docs/benchmarks.md, "Chain scale"):
#   bash bench/chain.sh [chain-run options, e.g. --seconds 60]
# 1. reads: the embedded SQLite database, migrated by the service's own migrator, filled by `chain-seed` with
#    BENCH_STORES (50) stores, BENCH_TECHNICIANS (1,000) technicians, BENCH_CUSTOMERS (2,000,000) customers with a phone
#    and an address, BENCH_ORDERS (5,000,000) work orders over two years; then `chain-run` measures the p99 of the order
#    list (one store, one status, first page; as a store's desk and as headquarters), phone search and get-by-id at
#    50 requests/s each (goal <= 20 ms). The filled file is cached in BENCH_CACHE (~/.cache/repairdispatch-bench) under
#    a key of the generator and the sizes, so a second run copies it and lets the service's migrator bring the copy to
#    this build's schema (as an upgrade would) instead of generating it again; when the copy cannot be migrated (a
#    migration older than one it has, e.g. after a merge), the run generates a new one;
#    with the stock ledger (V0017) in this build, `stock-seed` first adds BENCH_MOVEMENTS (1,000,000) ledger rows to the
#    copy, half of them at one store, and `chain-run` also measures that location's on-hand stock (goal <= 5 ms);
# 2. settlement: a fresh database with BENCH_CLAIMS (400,000) completed manufacturer orders of the previous month over
#    BENCH_STORES stores, settled per manufacturer through the API against a bare INSERT ... SELECT of the same rows
#    (goal <= 3x; settlement-run, the code path of bench/settlement.sh); the seeded file is cached like the
#    chain's, under a key of the seeder, the migrations and the sizes.
# BENCH_PARTS=reads,settlement picks parts (reads includes the stock when the build has the ledger). Generation runs under `nice -n 10`.
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir.
source "$(dirname "$0")/lib.sh"
stores="${BENCH_STORES:-50}"
technicians="${BENCH_TECHNICIANS:-1000}"
customers="${BENCH_CUSTOMERS:-2000000}"
orders="${BENCH_ORDERS:-5000000}"
claims="${BENCH_CLAIMS:-400000}"
movements="${BENCH_MOVEMENTS:-1000000}"
parts="${BENCH_PARTS:-reads,settlement}"
cache="${BENCH_CACHE:-$HOME/.cache/repairdispatch-bench}"

bench_prepare chain
# A cached database keeps the admin user of the run that generated it, so the password is fixed (loopback only).
password="bench-admin-chain-1"
export RepairDispatch__Bootstrap__AdminPassword="$password"
status=0
worst() { if [ "$1" -gt "$status" ]; then status="$1"; fi; }

if [[ ",$parts," == *",reads,"* ]]; then
  bench_chain_database
  bench_start_service
  if grep -q "CREATE TABLE stock_movements" "$root"/db/sqlite/*.sql; then
    echo "== stock ledger: $movements movements"
    nice -n 10 dotnet "$work/bench/RepairDispatch.Benchmarks.dll" stock-seed --db "$db" --movements "$movements" || { bench_stop_service; exit 2; }
  else
    echo "== no stock ledger in this build (V0017): the stock read is not measured"
  fi
  echo "== measure the reads"
  s=0
  bench chain-run --db "$db" --url "$url" --admin-password "$password" --pids "$server_pid" "$@" || s=$?
  if [ "$s" -eq 2 ]; then echo "-- service log (tail):"; tail -n 40 "$work/service.log"; fi
  worst "$s"
  bench_stop_service
fi

if [[ ",$parts," == *",settlement,"* ]]; then
  db="$work/data/settle.db"
  export ConnectionStrings__RepairDispatch="Data Source=$db"
  key="$( (cat "$root/tests/RepairDispatch.Benchmarks/SettlementSeeder.cs" "$root"/db/sqlite/*.sql; echo "$claims $stores") | sha256sum | cut -c1-16)"
  cached="$cache/settle-$key.db"
  if [ -f "$cached" ]; then
    echo "== reuse the seeded settlement database $cached"
    cp --sparse=always "$cached" "$db"
    bench_start_service
  else
    bench_start_service
    echo "== seed $claims completed manufacturer orders over $stores stores"
    started=$(date +%s)
    nice -n 10 dotnet "$work/bench/RepairDispatch.Benchmarks.dll" settlement-seed --db "$db" --orders "$claims" --stores "$stores" || exit 2
    echo "== seeding took $(( $(date +%s) - started )) s; caching it as $cached"
    bench_stop_service
    mkdir -p "$cache"
    cp --sparse=always "$db" "$cached.tmp" && mv "$cached.tmp" "$cached"
    bench_start_service
  fi
  echo "== chain-wide monthly settlement against INSERT ... SELECT"
  s=0
  bench settlement-run --db "$db" --url "$url" --admin-password "$password" --service-pid "$server_pid" --out "$work" --chain-wide yes || s=$?
  if [ "$s" -eq 2 ]; then echo "-- service log (tail):"; tail -n 40 "$work/service.log"; fi
  worst "$s"
  bench_stop_service
fi

case "$status" in
  0) echo "RESULT: PASS (every goal met)" ;;
  1) echo "RESULT: FAIL (a goal was missed)" ;;
  *) echo "RESULT: ERROR" ;;
esac
exit "$status"
