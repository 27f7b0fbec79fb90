#!/usr/bin/env bash
# RepairDispatch statement benchmark, one run from a fresh database (docs/statements.md, "Benchmark"):
#   bash bench/statements.sh
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_CLAIMS (default 100,000) completed orders of one manufacturer in the previous month, settles them (a
# submitted run), writes the manufacturer's 100,000-line XLSX statement about them, then times reading that file with
# MiniExcel alone against importing it and reconciling it through the API, and reads the service's peak memory (VmHWM).
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log, XLSX).
source "$(dirname "$0")/lib.sh"
claims="${BENCH_CLAIMS:-100000}"
bench_prepare statements
bench_start_service

echo "== seed $claims completed orders of one manufacturer"
bench settlement-seed --db "$db" --orders "$claims" --manufacturers 1

bench_measure statement-run --db "$db" --url "$url" --admin-password "$password" --service-pid "$server_pid" --out "$work" "$@"
