#!/usr/bin/env bash
# Checks what can be checked without a container engine (Debian's docker-compose and nginx packages):
#   bash deploy/validate.sh
# - docker-compose.yml parses and resolves (with placeholder secrets);
# - nginx.conf passes `nginx -t` (the upstream names api1/api2 exist only inside compose, so the check runs on a copy
#   that points them at the loopback);
# - the Dockerfile's publish step, run here as the same command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

echo "== docker-compose config"
MSSQL_SA_PASSWORD=placeholder REPAIRDISPATCH_SIGNING_KEY=placeholder REPAIRDISPATCH_ADMIN_PASSWORD=placeholder \
  docker-compose -f "$here/docker-compose.yml" config --quiet && echo "compose file OK"

echo "== nginx -t"
sed -e 's/server api1:8080/server 127.0.0.1:18081/; s/server api2:8080/server 127.0.0.1:18082/' "$here/nginx.conf" > "$tmp/nginx.conf"
nginx -t -c "$tmp/nginx.conf" -g "pid $tmp/nginx.pid; error_log $tmp/error.log;"

echo "== publish (the Dockerfile's build step)"
dotnet publish "$here/../src/RepairDispatch.Api/RepairDispatch.Api.csproj" -c Release -r linux-x64 --self-contained false -o "$tmp/app" --nologo -v quiet
test -f "$tmp/app/RepairDispatch.Api.dll" && echo "publish OK ($(du -sh "$tmp/app" | cut -f1))"
