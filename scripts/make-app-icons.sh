#!/usr/bin/env bash
# Draws the technician app's icons (src/RepairDispatch.Api/wwwroot/m/icons) from one SVG with Debian's headless Chromium:
# a white wrench on the app's blue; the maskable one fills the square and keeps the wrench inside the 80 % safe zone.
# Run again only when the drawing changes; the PNGs are committed.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/RepairDispatch.Api/wwwroot/m/icons"
chromium="${REPAIRDISPATCH_CHROMIUM:-/usr/bin/chromium}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

page() { # $1 size, $2 corner radius (fraction), $3 wrench scale
  cat > "$work/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="$1" height="$1" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="$2" fill="#1f5fbf"/>
  <g transform="translate(50 50) scale($3) rotate(45) translate(-50 -50)" fill="#fff">
    <path d="M50 8a16 16 0 0 0-16 16c0 6 3 11 8 14v46a8 8 0 0 0 16 0V38c5-3 8-8 8-14A16 16 0 0 0 50 8zm-6 6h12v12l-6 4-6-4z"/>
  </g>
</svg></body></html>
HTML
}

shot() { # $1 file, $2 size
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$out/$1" "file://$work/icon.html" 2>/dev/null
}

mkdir -p "$out"
page 192 18 0.8; shot icon-192.png 192
page 512 18 0.8; shot icon-512.png 512
page 512 0 0.6; shot icon-maskable-512.png 512
ls -l "$out"
