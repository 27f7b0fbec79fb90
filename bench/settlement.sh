#!/usr/bin/env bash
# RepairDispatch settlement benchmark, one run from a fresh database (docs/benchmarks.md, "Settlement benchmark"):
#   bash bench/settlement.sh [settlement-run options, e.g. --export-rounds 3]
# Publishes the API (Release), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port,
# seeds BENCH_ORDERS (default 1,000,000) completed orders of 10 manufacturers in the previous month, then times the
# monthly settlement of all of them against a bare INSERT ... SELECT of the same rows, reads the service's peak
# memory (VmHWM), and times the CSV export of the largest run against a plain StreamWriter.
# Exit code: 0 every goal met, 1 a goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir (database, service log, CSVs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
orders="${BENCH_ORDERS:-1000000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-settle.XXXXXX")"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
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
db="$work/data/settle.db"
mkdir -p "$work/data"
password="bench-admin-$RANDOM$RANDOM"

export ConnectionStrings__RepairDispatch="Data Source=$db"
export RepairDispatch__Database__Provider=Sqlite
export RepairDispatch__Bootstrap__AdminPassword="$password"
export RepairDispatch__Auth__RequestsPerMinute=1000000
export RepairDispatch__Auth__LoginRequestsPerMinute=1000000
export Logging__LogLevel__Default=Warning
export ASPNETCORE_ENVIRONMENT=Production
export Urls="$url"

echo "== migrate $db"
(cd "$work/api" && dotnet RepairDispatch.Api.dll migrate > "$work/migrate.log" 2>&1) || { cat "$work/migrate.log"; exit 2; }

# The service starts first: it bootstraps the store and the admin user the seed needs.
echo "== start the service on $url"
(cd "$work/api" && exec dotnet RepairDispatch.Api.dll > "$work/service.log" 2>&1) &
server_pid=$!
if ! bench wait-ready --url "$url" --timeout 60; then cat "$work/service.log"; exit 2; fi

echo "== seed $orders completed orders"
bench settlement-seed --db "$db" --orders "$orders"

echo "== measure"
status=0
bench settlement-run --db "$db" --url "$url" --admin-password "$password" --service-pid "$server_pid" --out "$work" "$@" || status=$?
if [ "$status" -eq 2 ]; then echo "-- service log (tail):"; tail -n 40 "$work/service.log"; fi
exit "$status"
