#!/usr/bin/env bash
# Compares optimiser variants without the clock: `vrptw --iterations STEPS` (each search makes STEPS ruin-and-recreate
# steps; one thread gives the same plan on every run, whatever the machine's load) on every instance of a folder for
# each seed, two instances at a time, then per seed the instances at the best-known vehicles and the average gap on
# those, and per instance the vehicles over best known (+n) or the gap in % for each seed. Not a goal check: use
# bench/solomon.sh and bench/homberger.sh for the timed figures.
#   bash bench/vrptw_steps.sh STEPS SEED... [FOLDER=bench/solomon] [THREADS=1]
#   bash bench/vrptw_steps.sh 25000 1 2      # about a second's steps of one search on this machine
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="$1"; shift
folder="${FOLDER:-$root/bench/solomon}"
threads="${THREADS:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/repairdispatch-steps.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/tests/RepairDispatch.Benchmarks/RepairDispatch.Benchmarks.csproj" -c Release -o "$work/bench" --nologo -v quiet >&2
for seed in "$@"; do for file in "$folder"/*.txt; do echo "$seed $file"; done; done |
  xargs -P 2 -L 1 bash -c 'dotnet "$0/bench/RepairDispatch.Benchmarks.dll" vrptw "$4" --seconds 100000 --threads "$1" \
    --iterations "$2" --seed "$3" > "$0/$(basename "$4" .txt).$3.json" || true' "$work" "$threads" "$steps"
python3 - "$work" "$folder" <<'PY'
import collections, glob, json, os, sys
work, folder = sys.argv[1], sys.argv[2]
best = {}
for line in open(os.path.join(folder, "best_known.tsv")):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 3 and f[1].isdigit(): best[f[0]] = (int(f[1]), float(f[2]))
runs = collections.defaultdict(list)
for path in sorted(glob.glob(os.path.join(work, "*.json"))):
    name, seed, _ = os.path.basename(path).rsplit(".", 2)
    plan = json.loads(open(path).read().strip().splitlines()[-1])
    runs[seed].append((name, plan["vehicles"], plan["distance"]))
per = collections.defaultdict(list)
for seed, rows in sorted(runs.items()):
    at = [100 * (d - best[n][1]) / best[n][1] for n, v, d in rows if v <= best[n][0]]
    print(f"seed {seed}: best-known vehicles on {len(at)}/{len(rows)}, average gap on those {sum(at) / max(1, len(at)):.2f} %")
    for n, v, d in rows: per[n].append(f"+{v - best[n][0]}" if v > best[n][0] else f"{100 * (d - best[n][1]) / best[n][1]:.1f}")
print("  ".join(f"{n}:{'/'.join(x)}" for n, x in sorted(per.items())))
PY
