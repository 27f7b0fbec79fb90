#!/usr/bin/env bash
# RepairDispatch benchmark, one run from a fresh database (docs/benchmarks.md):
#   bash bench/run.sh [runner options, e.g. --seconds 10 --concurrency 16 --mixed-seconds 20]
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_ORDERS (default 100,000) work orders, starts the bare reference endpoint, measures, prints the table and
# the goal lines, and stops both processes.
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
orders="${BENCH_ORDERS:-100000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-bench.XXXXXX")"
server_pid=""
bare_pid=""

cleanup() {
  for pid in $server_pid $bare_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build (Release) into $work"
dotnet publish "$root/src/RepairDispatch.Api/RepairDispatch.Api.csproj" -c Release -o "$work/api" --nologo -v quiet
dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet
bench() { dotnet "$work/bench/RepairDispatch.Benchmarks.dll" "$@"; }

port="$(bench free-port)"
url="http://127.0.0.1:$port"
db="$work/data/bench.db"
mkdir -p "$work/data"
password="bench-admin-$RANDOM$RANDOM"

# The service's configuration for the run: its own database file, a known admin password, rate limits out of the
# way (one user sends thousands of requests a second here), and no per-request logging.
export ConnectionStrings__RepairDispatch="Data Source=$db"
export RepairDispatch__Database__Provider=Sqlite
export RepairDispatch__Bootstrap__AdminPassword="$password"
export RepairDispatch__Auth__RequestsPerMinute=1000000000
export RepairDispatch__Auth__LoginRequestsPerMinute=1000000
export Logging__LogLevel__Default=Warning
export ASPNETCORE_ENVIRONMENT=Production
export Urls="$url"

echo "== migrate $db"
(cd "$work/api" && dotnet RepairDispatch.Api.dll migrate > "$work/migrate.log" 2>&1) || { cat "$work/migrate.log"; exit 2; }

echo "== start the service on $url"
(cd "$work/api" && exec dotnet RepairDispatch.Api.dll > "$work/service.log" 2>&1) &
server_pid=$!
if ! bench wait-ready --url "$url" --timeout 60; then cat "$work/service.log"; exit 2; fi

echo "== seed $orders work orders"
bench seed --db "$db" --orders "$orders"

# The bare reference endpoint (same Dapper calls behind plain Kestrel, no service logic), in its own process.
bare_port="$(bench free-port)"
bare_url="http://127.0.0.1:$bare_port"
dotnet "$work/bench/RepairDispatch.Benchmarks.dll" bare-serve --db "$db" --url "$bare_url" > "$work/bare.log" 2>&1 &
bare_pid=$!
if ! bench wait-ready --url "$bare_url" --path /bare/health --timeout 60; then cat "$work/bare.log"; exit 2; fi

echo "== measure"
status=0
bench run --db "$db" --url "$url" --bare-url "$bare_url" --pids "$server_pid,$bare_pid" --admin-password "$password" "$@" || status=$?
if [ "$status" -eq 2 ]; then echo "-- service log (tail):"; tail -n 40 "$work/service.log"; fi
exit "$status"
