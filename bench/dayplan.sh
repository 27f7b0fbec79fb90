#!/usr/bin/env bash
# Day-plan benchmark: `dayplan` (a generated city day: skills, manufacturer certifications, windows, shifts, lunch breaks,
# pinned started visits; tests/RepairDispatch.Benchmarks/Planning/CityDay.cs) at 200 and 400 visits for 20 and 40
# technicians, each at 1 s and 10 s, the optimiser against the greedy baseline; both plans checked by the tests'
# validator. Prints one row per run, then issue 20's goal at 40 technicians / 400 visits / 10 s: >= 30 % less travel
# than greedy, no hard-constraint violation, no visit left out that could be served.
#   bash bench/dayplan.sh [seed, default 1]          THREADS=1 bash bench/dayplan.sh   # one core (default 0: every core)
# Exit code: 0 the goal met and no violation, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed="${1:-1}"
threads="${THREADS:-0}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-dayplan.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet >&2
echo "seed $seed, threads $threads (0 = every core; this machine has $(nproc))"
printf '%6s %5s %5s | %6s %7s %9s | %6s %7s %9s | %12s %14s %5s\n' visits techs secs served no_room travel_km served no_room travel_km travel_saved_% per_visit_saved% viol
printf '%18s   %-26s   %-26s\n' "" "greedy" "optimised"
rows="$work/rows.tsv"
for visits in 200 400; do
  for techs in 20 40; do
    for secs in 1 10; do
      dotnet "$work/bench/RepairDispatch.Benchmarks.dll" dayplan --technicians "$techs" --visits "$visits" --seed "$seed" \
        --seconds "$secs" --threads "$threads" | tail -n 1 | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
g, o = r["greedy"], r["optimised"]
print("\t".join(str(v) for v in (r["visits"], r["technicians"], r["seconds"], g["served"], g["no_room"], g["travel"],
    o["served"], o["no_room"], o["travel"], r["travel_improvement_pct"], r["travel_per_served_improvement_pct"],
    g["violations"] + o["violations"], o["unserved"] - o["no_room"])))
' | tee -a "$rows" | awk -F'\t' '{ printf "%6s %5s %5s | %6s %7s %9s | %6s %7s %9s | %12s %14s %5s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }'
    done
  done
done
awk -F'\t' '
  { bad += $12 }
  $1 == 400 && $2 == 40 && $3 == 10 { found = 1; saved = $10; noroom = $8 }
  END {
    printf "\nviolations in all plans: %d\n", bad
    printf "goal (40 technicians, 400 visits, 10 s): travel saved %.1f %% >= 30 %% (%s); visits left out for lack of room: %d (%s)\n", saved, (saved >= 30 ? "met" : "MISSED"), noroom, (noroom == 0 ? "met" : "MISSED: the day holds more work than the shifts, see docs/benchmarks.md")
    ok = (found && bad == 0 && saved >= 30 && noroom == 0)
    print ok ? "RESULT: PASS" : "RESULT: FAIL"
    exit ok ? 0 : 1
  }' "$rows"
