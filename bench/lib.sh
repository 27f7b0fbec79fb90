# Shared by the benchmark scripts: a temp dir that is removed on exit (BENCH_KEEP=1 keeps it), a Release build of
# the API and the benchmark program, and the service started on a free 127.0.0.1 port on a fresh, migrated
# SQLite file. Source it, then call bench_prepare NAME and bench_start_service.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_pids=""

bench_cleanup() {
  for pid in $bench_pids; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}

bench() { dotnet "$work/bench/RepairDispatch.Benchmarks.dll" "$@"; }

# bench_prepare NAME: temp dir, builds, and the service's configuration (own database file, known admin password,
# rate limits out of the way because one user sends thousands of requests a second, no per-request logging).
bench_prepare() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-$1.XXXXXX")"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  echo "== build (Release) into $work"
  dotnet publish "$root/src/RepairDispatch.Api/RepairDispatch.Api.csproj" -c Release -o "$work/api" --nologo -v quiet
  dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet
  url="http://127.0.0.1:$(bench free-port)"
  db="$work/data/$1.db"
  mkdir -p "$work/data"
  password="bench-admin-$RANDOM$RANDOM"
  export ConnectionStrings__RepairDispatch="Data Source=$db"
  export RepairDispatch__Database__Provider=Sqlite
  export RepairDispatch__Bootstrap__AdminPassword="$password"
  export RepairDispatch__Auth__RequestsPerMinute=1000000000
  export RepairDispatch__Auth__LoginRequestsPerMinute=1000000
  export Logging__LogLevel__Default=Warning
  export ASPNETCORE_ENVIRONMENT=Production
  export Urls="$url"
}

# Migrates, then starts the service, which bootstraps the default store and the admin user the seeders need.
bench_start_service() {
  echo "== migrate $db"
  (cd "$work/api" && dotnet RepairDispatch.Api.dll migrate > "$work/migrate.log" 2>&1) || { cat "$work/migrate.log"; exit 2; }
  echo "== start the service on $url"
  (cd "$work/api" && exec dotnet RepairDispatch.Api.dll > "$work/service.log" 2>&1) &
  server_pid=$!
  bench_pids="$bench_pids $server_pid"
  if ! bench wait-ready --url "$url" --timeout 60; then cat "$work/service.log"; exit 2; fi
}

# bench_measure COMMAND ARGS...: runs the measuring command; on an error (exit 2) shows the service log's tail.
bench_measure() {
  echo "== measure"
  local status=0
  bench "$@" || status=$?
  if [ "$status" -eq 2 ]; then echo "-- service log (tail):"; tail -n 40 "$work/service.log"; fi
  exit "$status"
}
