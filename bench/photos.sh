#!/usr/bin/env bash
# RepairDispatch photo upload benchmark, one run from a fresh database (docs/photos.md):
#   bash bench/photos.sh [photos-run options, e.g. --per-technician 2]
# Publishes the API (Release), makes BENCH_TECHNICIANS × 4 (default 800) different JPEGs of 2 MB (before anything is
# measured), migrates a new SQLite file in a temp dir, starts the service on a free 127.0.0.1 port with its default
# photo store (the local folder beside the database), seeds BENCH_TECHNICIANS (default 200) technicians with one
# assigned job each, then every technician uploads his 4 photos at once through POST /api/v1/mobile/jobs/{id}/photos.
# Prints photos/s, p50/p99, the service's peak memory (VmHWM, VmRSS sampled every 100 ms), the ratio of the upload's
# wall time to `cp` of the same files, and PASS/FAIL against the goal (peak <= 400 MB, and flat).
# Needs about 2 × 1.6 GB of disk in TMPDIR. BENCH_IMAGES=DIR keeps the photos there and uses them again in a later run
# (making them takes minutes). Exit code: 0 goal met, 1 missed, 2 errors. BENCH_KEEP=1 keeps the temp dir.
source "$(dirname "$0")/lib.sh"
technicians="${BENCH_TECHNICIANS:-200}"
bench_prepare photos

images="${BENCH_IMAGES:-$work/images}"
if [ "$(find "$images" -name 'photo-*.jpg' 2>/dev/null | wc -l)" -lt "$((technicians * 4))" ]; then
  echo "== make $((technicians * 4)) different 2 MB JPEGs in $images"
  bench photos-images --out "$images" --count "$((technicians * 4))"
fi

bench_start_service
echo "== seed $technicians technicians with one job each"
bench mobile-seed --db "$db" --technicians "$technicians" --jobs-per-technician 1

bench_measure photos-run --db "$db" --url "$url" --admin-password "$password" --images "$images" --scratch "$work/cp-copy" \
  --pid "$server_pid" "$@"
