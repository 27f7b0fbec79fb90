#!/usr/bin/env bash
# A technician's phone, scripted: log in, sync, take the first job that is waiting (Assigned), accept, travel, arrive,
# complete it with a part, and send every step twice with the same Idempotency-Key, as a phone on a bad network
# would. Then checks through the API that each step happened exactly once, and syncs again from the token.
#   bash scripts/mobile-walkthrough.sh USERNAME PASSWORD [BASE_URL]     (needs curl and jq)
# With the demo data (`seed-demo`), USERNAME/PASSWORD are a demo technician's, printed by seed-demo.
set -euo pipefail
user="${1:?usage: $0 USERNAME PASSWORD [BASE_URL]}"
password="${2:?usage: $0 USERNAME PASSWORD [BASE_URL]}"
base="${3:-http://127.0.0.1:5080}/api/v1"

token=$(curl -sf "$base/auth/token" -H 'content-type: application/json' \
  -d "$(jq -n --arg u "$user" --arg p "$password" '{username: $u, password: $p}')" | jq -r .accessToken)
auth=(-H "Authorization: Bearer $token")

sync=$(curl -sf "${auth[@]}" "$base/mobile/sync")
echo "sync: $(jq '.upserts | length' <<<"$sync") jobs in view"
job=$(jq -c '[.upserts[] | select(.order.status == "Assigned")][0] // empty' <<<"$sync")
[ -n "$job" ] || { echo "no Assigned job for $user: assign one first"; exit 1; }
id=$(jq -r .order.id <<<"$job")
category=$(jq -r .appliance.category <<<"$job")
echo "job $(jq -r .order.number <<<"$job"): $(jq -r '.customer.name + ", " + .appliance.brand + " " + .appliance.model' <<<"$job")"

part=$(curl -sf "${auth[@]}" "$base/parts?category=$category" | jq -r '.items[0].id // empty')
parts='[]'
[ -n "$part" ] && parts=$(jq -cn --arg p "$part" '[{partId: $p, qty: 1}]')

# step NAME BODY: sends the step twice with one key; the second answer must be the first one, replayed.
step() {
  local key first second
  key=$(cat /proc/sys/kernel/random/uuid)
  first=$(curl -s -w '\n%{http_code}' "${auth[@]}" -H 'content-type: application/json' -H "Idempotency-Key: $key" \
    -X POST "$base/mobile/jobs/$id/$1" -d "$2")
  second=$(curl -s -D /tmp/walkthrough.headers -w '\n%{http_code}' "${auth[@]}" -H 'content-type: application/json' \
    -H "Idempotency-Key: $key" -X POST "$base/mobile/jobs/$id/$1" -d "$2")
  [ "$(tail -n1 <<<"$first")" = 200 ] || { echo "$1 failed: $first"; exit 1; }
  [ "$first" = "$second" ] || { echo "$1: the retry got a different answer"; exit 1; }
  grep -qi '^Idempotent-Replayed: true' /tmp/walkthrough.headers || { echo "$1: the retry was not a replay"; exit 1; }
  echo "$1: $(head -n -1 <<<"$first" | jq -r .status) (sent twice, replayed once)"
}

step accept '{}'
step depart '{}'
step arrive "$(jq -cn --argjson j "$job" '{lat: ($j.order.address.lat // 31.23), lon: ($j.order.address.lon // 121.47)}')"
step complete "$(jq -cn --argjson parts "$parts" \
  '{repairLevel: "Minor", mainPart: false, labourMinutes: 40, parts: $parts, notes: "Walkthrough", customerRating: 5}')"

events=$(curl -sf "${auth[@]}" "$base/work-orders/$id/events")
for kind in Accept Depart Arrive Complete; do
  n=$(jq --arg k "$kind" '[.items[] | select(.kind == $k)] | length' <<<"$events")
  [ "$n" = 1 ] || { echo "FAIL: $n $kind events"; exit 1; }
done
echo "events: one Accept, Depart, Arrive and Complete"
old=$(curl -sf "${auth[@]}" "$base/mobile/old-parts" | jq -c --arg id "$id" '[.items[] | select(.workOrderId == $id) | {tag, dueOn}]')
[ "$(jq length <<<"$old")" -le 1 ] || { echo "FAIL: the replaced part was tagged more than once: $old"; exit 1; }
echo "old part to hand in at the desk (claimable repairs only): $old"
after=$(curl -sf "${auth[@]}" "$base/mobile/sync?since=$(jq -r .token <<<"$sync")")
echo "sync since the first token: $(jq -c '[.upserts[] | {number: .order.number, status: .order.status}]' <<<"$after")"
echo "PASS"
