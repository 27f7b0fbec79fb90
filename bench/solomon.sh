#!/usr/bin/env bash
# Solomon VRPTW benchmark: `vrptw` on every instance of a folder, each plan checked by bench/check_vrptw.py (not the
# optimiser's code), one table row per instance, then the averages and the goals (docs/benchmarks.md).
#   bash bench/solomon.sh [seconds per instance, default 10] [folder with *.txt and best_known.tsv, default bench/solomon]
# Exit code: 0 every goal met, 1 a goal missed or a plan infeasible.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
folder="${2:-$root/bench/solomon}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-solomon.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet >&2
printf '%-7s %8s %4s %10s %10s %7s %6s  %s\n' instance vehicles bk distance bk_dist gap_% secs check
rows="$work/rows.tsv"
for file in "$folder"/*.txt; do
  name="$(basename "$file" .txt)"
  best="$(awk -F'\t' -v n="$name" '$1 == n { print $2 "\t" $3 }' "$folder/best_known.tsv")"
  [ -n "$best" ] || { echo "$name: not in best_known.tsv, skipped" >&2; continue; }
  line="$(dotnet "$work/bench/RepairDispatch.Benchmarks.dll" vrptw "$file" --seconds "$seconds" || true)"
  check="$(printf '%s\n' "$line" | python3 "$root/bench/check_vrptw.py" "$file" | cut -d' ' -f2- || true)"
  printf '%s\n' "$line" | python3 -c '
import json, sys
plan = json.loads(sys.stdin.readline())
bk_vehicles, bk_distance = int(sys.argv[2]), float(sys.argv[3])
gap = 100 * (plan["distance"] - bk_distance) / bk_distance
print("\t".join(str(v) for v in (sys.argv[1], plan["vehicles"], bk_vehicles, f"{plan['"'"'distance'"'"']:.2f}", f"{bk_distance:.2f}", f"{gap:.2f}", plan["seconds"], sys.argv[4])))
' "$name" ${best} "$check" | tee -a "$rows" | awk -F'\t' '{ printf "%-7s %8s %4s %10s %10s %7s %6s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
done
awk -F'\t' '
  { n++; gap += $6; over += ($2 > $3 + 1); extra += $2 - $3; bad += ($8 != "ok") }
  END {
    printf "\ninstances %d, average gap %.2f %% (goal <= 3), vehicles over best known: %d in all, instances over best known + 1: %d (goal 0), infeasible plans: %d\n", n, gap / n, extra, over, bad
    ok = n > 0 && gap / n <= 3 && over == 0 && bad == 0
    print ok ? "RESULT: PASS" : "RESULT: FAIL"
    exit ok ? 0 : 1
  }' "$rows"
