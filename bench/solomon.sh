#!/usr/bin/env bash
# Solomon VRPTW benchmark (100 customers): bench/vrptw_set.sh over bench/solomon/ with issue 20's goals —
# at 10 s or more: the best-known vehicles on every instance and an average gap <= 0.8 %; under 10 s (the 1-second
# goal): the best-known vehicles on >= 80 % of the instances and an average gap <= 1.6 % on those.
#   bash bench/solomon.sh [seconds per instance, default 10] [folder with *.txt and best_known.tsv, default bench/solomon]
#   THREADS=1 bash bench/solomon.sh 1     # one core (default 0: every core)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
folder="${2:-$root/bench/solomon}"
if awk -v s="$seconds" 'BEGIN { exit !(s >= 10) }'; then goals=(100 0.8); else goals=(80 1.6); fi
exec bash "$root/bench/vrptw_set.sh" "$seconds" "$folder" "${goals[@]}"
