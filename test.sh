#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "tests: N passed, N failed, N skipped".
# Exits non-zero when a test failed, the build failed, or no test ran.
set -uo pipefail
cd "$(dirname "$0")"
results="TestResults/last"
rm -rf "$results"
dotnet test RepairDispatch.sln -c Release --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))
done
if grep -hq "SQL SERVER CONTRACT TESTS SKIPPED" "$results"/*.trx 2>/dev/null; then
  echo "!! SQL Server contract tests were SKIPPED: set REPAIRDISPATCH_TEST_SQLSERVER to run them (deploy/README.md)."
fi
if grep -hq "BROWSER TESTS SKIPPED" "$results"/*.trx 2>/dev/null; then
  echo "!! Browser (console) tests were SKIPPED: no Chromium at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk, or set REPAIRDISPATCH_CHROMIUM)."
fi
if grep -hq "S3 STORE TESTS SKIPPED" "$results"/*.trx 2>/dev/null; then
  echo "!! S3 photo store tests were SKIPPED: no s3rver (npm ci --prefix tests/s3-server, or set REPAIRDISPATCH_S3RVER)."
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
