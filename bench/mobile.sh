#!/usr/bin/env bash
# RepairDispatch mobile benchmark, one run from a fresh database (docs/benchmarks.md, "Mobile benchmark"):
#   bash bench/mobile.sh [mobile-run options, e.g. --retry-share 0.2 --concurrency 50]
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_TECHNICIANS (default 200) technicians with BENCH_JOBS (default 8) assigned jobs each for today, then plays
# their day through the mobile API (sync, then accept, depart, arrive, complete with a part, 10% of the steps retried
# with the same Idempotency-Key), prints requests/s and latency, and checks in the database that every logical action
# had exactly one effect.
# Exit code: 0 every check passed, 1 a check failed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log).
source "$(dirname "$0")/lib.sh"
technicians="${BENCH_TECHNICIANS:-200}"
jobs="${BENCH_JOBS:-8}"
bench_prepare mobile
bench_start_service

echo "== seed $technicians technicians with $jobs jobs each"
bench mobile-seed --db "$db" --technicians "$technicians" --jobs-per-technician "$jobs"

bench_measure mobile-run --db "$db" --url "$url" --admin-password "$password" --pids "$server_pid" "$@"
