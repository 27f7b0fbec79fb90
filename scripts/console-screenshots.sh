#!/usr/bin/env bash
# Screenshots of the console's three main screens on the demo station, for docs/screenshots/:
# seeds a fresh demo database, starts the service, and drives Debian's Chromium with the Playwright copy that the
# test project's NuGet package ships (its Node and playwright-core): nothing is downloaded.
#   bash scripts/console-screenshots.sh [output-dir]     (default docs/screenshots; needs /usr/bin/chromium, fonts-noto-cjk)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/screenshots}")"
port=5099
work="$(mktemp -d)"
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export RepairDispatch__Bootstrap__AdminPassword="screenshots-admin-password"
export ConnectionStrings__RepairDispatch="Data Source=$work/demo.db"
export RepairDispatch__Auth__SigningKey="screenshots-signing-key-0123456789abcdefghijklmnop"

dotnet build RepairDispatch.sln -c Release -v quiet --nologo >/dev/null
server=""
dotnet run --project src/RepairDispatch.Api -c Release --no-build -- seed-demo >"$work/seed.log" 2>&1
dotnet run --project src/RepairDispatch.Api -c Release --no-build --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
password() { awk -v u="$1" '$1 == u { print $3 }' "$work/seed.log"; }

playwright="tests/RepairDispatch.Tests/bin/Release/net10.0/.playwright"
mkdir -p "$out"
BASE="http://127.0.0.1:$port" OUT="$out" \
  DESK_PASSWORD="$(password demo.frontdesk)" MANAGER_PASSWORD="$(password demo.manager)" FINANCE_PASSWORD="$(password demo.finance)" \
  NODE_PATH="$(realpath "$playwright/package")/.." \
  "$playwright/node/linux-x64/node" scripts/console-screenshots.mjs "$(realpath "$playwright/package/index.mjs")"
ls -l "$out"
