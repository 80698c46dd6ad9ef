#!/usr/bin/env bash
# Renders an Earshot HTML report to PNG in headless Chromium, offline, to check it in a real browser.
#
#   Scripts/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#
# Network access is blocked (--host-resolver-rules), so a page that needed anything from outside would
# show it. Install the browser with `apt-get install -y chromium` (Debian).
set -euo pipefail
html=${1:?usage: render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}
png=${2:-/tmp/report.png}
size=${3:-1280x2000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "render-report.sh: no chromium found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --host-resolver-rules="MAP * ~NOTFOUND" --window-size="${size/x/,}" --screenshot="$png" "file://$html" \
  2> >(grep -v -e 'dbus' -e 'Fontconfig' -e 'sandbox' >&2 || true)
echo "rendered $html -> $png ($size)"
