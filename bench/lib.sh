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
  export Logging__LogLevel__Default="${BENCH_LOG_LEVEL:-Warning}"
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

bench_stop_service() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }

# The generated chain (bench/chain.sh, bench/kpis.sh) in $db, with the service stopped: a copy of the one cached under a
# key of the generator and the sizes ($stores $technicians $customers $orders), migrated to this build; else generated
# by `chain-seed` (nice 10) and cached. A cached chain keeps its admin, so the callers fix the admin password.
bench_chain_database() {
  local key cached started
  key="$( (cat "$root/tests/RepairDispatch.Benchmarks/ChainSeeder.cs"; echo "$stores $technicians $customers $orders") | sha256sum | cut -c1-16)"
  cached="$cache/chain-$key.db"
  if [ -f "$cached" ]; then
    echo "== reuse the generated database $cached (then migrate the copy)"
    cp --sparse=always "$cached" "$db"
    if ! (cd "$work/api" && dotnet RepairDispatch.Api.dll migrate > "$work/migrate.log" 2>&1); then
      echo "== the copy cannot be migrated to this build ($(grep -m1 -o 'Validation failed[^.]*' "$work/migrate.log" || echo 'see migrate.log')): generating anew"
      rm -f "$db" "$db-wal" "$db-shm"
    fi
  fi
  if [ ! -f "$db" ]; then
    bench_start_service
    echo "== generate: $stores stores, $technicians technicians, $customers customers, $orders work orders"
    started=$(date +%s)
    nice -n 10 dotnet "$work/bench/RepairDispatch.Benchmarks.dll" chain-seed --db "$db" --stores "$stores" \
      --technicians "$technicians" --customers "$customers" --orders "$orders" || { bench_stop_service; exit 2; }
    echo "== generation took $(( $(date +%s) - started )) s; caching it as $cached"
    bench_stop_service
    mkdir -p "$cache"
    cp --sparse=always "$db" "$cached.tmp" && mv "$cached.tmp" "$cached"
  fi
}
