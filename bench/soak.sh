#!/usr/bin/env bash
# Steady mixed load (issue 7): bash bench/soak.sh [seconds, default 600] [nodes, default 1]
# Starts NODES service processes on one fresh SQLite file (each with its own Hangfire server running the recurring
# jobs, and the outbox delivered to the soak's own SMS gateway), then runs `soak` of tests/RepairDispatch.Benchmarks:
# the front desk takes 4 calls a second and the manager assigns them, 20 technicians work their jobs from the phone
# API, the cashier takes payment and closes, finance reads, and four clerks now and then edit one order at once.
# With hey installed (Debian's `hey`), a second finance reader polls the revenue report at 10 requests/s beside it.
# Progress every 30 s (throughput, latency, errors, each node's memory); then a summary and the checks: zero 5xx,
# memory flat after warm-up (runs of 5 minutes or more), and in the database: nothing acknowledged lost, nothing done
# twice, every outbox message delivered once. Loopback only; stops by itself. Exit 0 when every check passed.
source "$(dirname "$0")/lib.sh"
seconds="${1:-600}"
nodes="${2:-1}"
bench_prepare soak
gateway_port="$(bench free-port)"
export RepairDispatch__Notifications__Sender=Http
export RepairDispatch__Notifications__GatewayUrl="http://127.0.0.1:$gateway_port/sms"
bench_start_service
pids="$server_pid"
urls="$url"
for n in $(seq 2 "$nodes"); do
  node_url="http://127.0.0.1:$(bench free-port)"
  (cd "$work/api" && Urls="$node_url" exec dotnet RepairDispatch.Api.dll > "$work/service-$n.log" 2>&1) &
  bench_pids="$bench_pids $!"
  pids="$pids,$!"
  urls="$urls,$node_url"
  bench wait-ready --url "$node_url" --timeout 60 || { cat "$work/service-$n.log"; exit 2; }
done
echo "== $nodes node(s): $urls (pids $pids), gateway on port $gateway_port"

hey_pid=""
if command -v hey > /dev/null; then
  token=$(curl -sf "$url/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  from=$(date -u -d '30 days ago' +%Y-%m-%dT00:00:00Z); to=$(date -u -d tomorrow +%Y-%m-%dT00:00:00Z)
  hey -z "${seconds}s" -c 2 -q 5 -H "Authorization: Bearer $token" "$url/api/v1/reports/revenue?from=$from&to=$to" > "$work/hey.txt" 2>&1 &
  hey_pid=$!
else
  echo "(hey not installed: apt-get install -y hey adds a revenue-report reader; the soak runs without it)"
fi

status=0
bench soak --urls "$urls" --db "$db" --admin-password "$password" --gateway-port "$gateway_port" --seconds "$seconds" --pids "$pids" || status=$?
if [ -n "$hey_pid" ]; then
  wait "$hey_pid" || true
  echo "== hey: revenue report beside the soak (2 readers at 5 requests/s each)"
  sed -n '/Summary:/,/Requests\/sec/p;/Latency distribution:/,/99%/p;/Status code distribution:/,$p' "$work/hey.txt"
  if grep -Eq '^\s*\[5[0-9][0-9]\]' "$work/hey.txt"; then echo "FAIL hey saw 5xx answers"; status=1; fi
fi
for log in "$work"/service*.log; do
  if grep -q '"LogLevel":"Error"\|fail:' "$log"; then echo "-- errors logged by $(basename "$log"):"; grep '"LogLevel":"Error"\|fail:' "$log" | head -5; fi
done
exit "$status"
