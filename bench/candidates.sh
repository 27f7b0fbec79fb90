#!/usr/bin/env bash
# RepairDispatch candidates benchmark (docs/benchmarks.md, "Candidates"): a fresh service on a free 127.0.0.1 port, a
# store with 200 technicians created through the API and a day of booked work, then GET /api/v1/dispatch/candidates
# for one order, one request at a time; baseline: GET /api/v1/work-orders/{id} in the same run. Goal: p99 <= 50 ms.
#   bash bench/candidates.sh [candidates-run options, e.g. --technicians 400 --requests 1000]
# Exit code: 0 goal met, 1 goal missed, 2 errors. BENCH_KEEP=1 keeps the temp dir.
source "$(dirname "$0")/lib.sh"
bench_prepare candidates
bench_start_service
bench_measure candidates-run --url "$url" --admin-password "$password" "$@"
