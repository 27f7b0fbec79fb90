#!/usr/bin/env bash
# RepairDispatch settlement benchmark, one run from a fresh database (docs/benchmarks.md, "Settlement benchmark"):
#   bash bench/settlement.sh [settlement-run options, e.g. --export-rounds 3]
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_ORDERS (default 1,000,000) completed orders of 10 manufacturers in the previous month, then times the
# monthly settlement of all of them against a bare INSERT ... SELECT of the same rows, reads the service's peak
# memory (VmHWM), and times the CSV export of the largest run against a plain StreamWriter.
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log, CSVs).
source "$(dirname "$0")/lib.sh"
orders="${BENCH_ORDERS:-1000000}"
bench_prepare settle
bench_start_service

echo "== seed $orders completed orders"
bench settlement-seed --db "$db" --orders "$orders"

bench_measure settlement-run --db "$db" --url "$url" --admin-password "$password" --service-pid "$server_pid" --out "$work" "$@"
