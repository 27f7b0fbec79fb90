#!/usr/bin/env bash
# RepairDispatch benchmark, one run from a fresh database (docs/benchmarks.md):
#   bash bench/run.sh [runner options, e.g. --seconds 10 --concurrency 16 --mixed-seconds 20]
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_ORDERS (default 100,000) work orders, starts the bare reference endpoint, measures, prints the table and
# the goal lines, and stops both processes.
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log).
source "$(dirname "$0")/lib.sh"
orders="${BENCH_ORDERS:-100000}"
bench_prepare bench
bench_start_service

echo "== seed $orders work orders"
bench seed --db "$db" --orders "$orders"

# The bare reference endpoint (same Dapper calls behind plain Kestrel, no service logic), in its own process.
bare_port="$(bench free-port)"
bare_url="http://127.0.0.1:$bare_port"
dotnet "$work/bench/RepairDispatch.Benchmarks.dll" bare-serve --db "$db" --url "$bare_url" > "$work/bare.log" 2>&1 &
bare_pid=$!
bench_pids="$bench_pids $bare_pid"
if ! bench wait-ready --url "$bare_url" --path /bare/health --timeout 60; then cat "$work/bare.log"; exit 2; fi

bench_measure run --db "$db" --url "$url" --bare-url "$bare_url" --pids "$server_pid,$bare_pid" --admin-password "$password" "$@"
