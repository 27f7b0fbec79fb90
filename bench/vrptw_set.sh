#!/usr/bin/env bash
# Runs `vrptw` on every instance (*.txt) of a folder, checks each plan with bench/check_vrptw.py (not the optimiser's
# code), prints one row per instance, then the averages and the goals. Used by bench/solomon.sh and bench/homberger.sh.
#   bash bench/vrptw_set.sh SECONDS FOLDER VEHICLE_GOAL_PCT GAP_GOAL_PCT
# VEHICLE_GOAL_PCT: the share of instances that must reach the best-known vehicles (empty: no goal at this budget);
# GAP_GOAL_PCT: the most average distance gap on those instances. THREADS=1 runs the solver on one thread (default: 0,
# every core). Exit code: 0 every goal met and every plan feasible, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="$1"
folder="$2"
vehicle_goal="${3:-}"
gap_goal="${4:-}"
threads="${THREADS:-0}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-vrptw.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet >&2
echo "folder $folder, $seconds s per instance, threads ${threads} (0 = every core; this machine has $(nproc))"
printf '%-8s %8s %4s %10s %10s %7s %6s  %s\n' instance vehicles bk distance bk_dist gap_% secs check
rows="$work/rows.tsv"
for file in "$folder"/*.txt; do
  name="$(basename "$file" .txt)"
  best="$(awk -F'\t' -v n="$name" '$1 == n { print $2 "\t" $3 }' "$folder/best_known.tsv")"
  [ -n "$best" ] || { echo "$name: not in best_known.tsv, skipped" >&2; continue; }
  line="$(dotnet "$work/bench/RepairDispatch.Benchmarks.dll" vrptw "$file" --seconds "$seconds" --threads "$threads" || true)"
  check="$(printf '%s\n' "$line" | python3 "$root/bench/check_vrptw.py" "$file" | cut -d' ' -f2- || true)"
  printf '%s\n' "$line" | python3 -c '
import json, sys
plan = json.loads(sys.stdin.readline())
bk_vehicles, bk_distance = int(sys.argv[2]), float(sys.argv[3])
gap = 100 * (plan["distance"] - bk_distance) / bk_distance
print("\t".join(str(v) for v in (sys.argv[1], plan["vehicles"], bk_vehicles, f"{plan['"'"'distance'"'"']:.2f}", f"{bk_distance:.2f}", f"{gap:.2f}", plan["seconds"], sys.argv[4])))
' "$name" ${best} "$check" | tee -a "$rows" | awk -F'\t' '{ printf "%-8s %8s %4s %10s %10s %7s %6s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
done
awk -F'\t' -v vgoal="$vehicle_goal" -v ggoal="$gap_goal" '
  { n++; gap += $6; extra += $2 - $3; bad += ($8 != "ok")
    if ($2 <= $3) { atbk++; atbkgap += $6 } }
  END {
    share = n > 0 ? 100 * atbk / n : 0
    avg = atbk > 0 ? atbkgap / atbk : 0
    printf "\ninstances %d, best-known vehicles on %d (%.1f %%), average gap on those %.2f %%, average gap on all %.2f %%, vehicles over best known: %d in all, infeasible plans: %d\n", n, atbk, share, avg, (n > 0 ? gap / n : 0), extra, bad
    ok = (n > 0 && bad == 0)
    if (vgoal != "") {
      printf "goals: best-known vehicles on >= %s %% of instances (%s), average gap on those <= %s %% (%s), every plan feasible (%s)\n", vgoal, (share >= vgoal ? "met" : "MISSED"), ggoal, (avg <= ggoal ? "met" : "MISSED"), (bad == 0 ? "met" : "MISSED")
      ok = (ok && share >= vgoal + 0 && avg <= ggoal + 0)
    } else print "goals: none set at this budget; every plan feasible (" (bad == 0 ? "met" : "MISSED") ")"
    print ok ? "RESULT: PASS" : "RESULT: FAIL"
    exit ok ? 0 : 1
  }' "$rows"
