#!/usr/bin/env bash
# The whole load, soak and fault harness of issue 7, one command:
#   bash bench/reliability.sh          # about 30 minutes: the report of docs/reliability.md
#   bash bench/reliability.sh smoke    # about 4 minutes: what CI runs (.ci/run)
# full:  10 minutes of steady mixed load on one node, the same on two nodes sharing the database file, and 20 rounds
#        of kill -9 under write load.
# smoke: 60 s of the mixed load on two nodes, and 3 kill -9 rounds.
# Loopback only; every part stops by itself. Exit 0 when every part passed; each part's output is kept in
# ${RELIABILITY_OUT:-a temp dir} and its last lines are printed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-full}"
case "$mode" in
  full)  parts=("soak.sh 600 1" "soak.sh 600 2" "killtest.sh 20") ;;
  smoke) parts=("soak.sh 60 2" "killtest.sh 3") ;;
  *) echo "usage: bash bench/reliability.sh [full|smoke]" >&2; exit 2 ;;
esac
out="${RELIABILITY_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-reliability.XXXXXX")}"
mkdir -p "$out"
echo "== reliability ($mode) on $(hostname), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ); output in $out"

failed=0
summary=""
for part in "${parts[@]}"; do
  log="$out/$(echo "$part" | tr ' .' '__').log"
  echo "== $part"
  # shellcheck disable=SC2086 # the part is a script and its arguments
  if bash "$here"/$part > "$log" 2>&1; then verdict=PASS; else verdict=FAIL; failed=1; fi
  grep -E '^(PASS|FAIL|RESULT|\| (requests|throughput|latency|error rate|orders)|acknowledged:|integrity_check|over [0-9]+ kill)' "$log" | sed 's/^/   /'
  summary="$summary\n$verdict  $part"
done
echo -e "== summary$summary"
exit "$failed"
