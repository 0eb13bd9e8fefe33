#!/usr/bin/env bash
# Takes the README's screenshots: ingests the bundled samples into a throwaway database, serves it on loopback,
# and photographs the feed, claims, map, timeline, a story and an event with Debian's Chromium at desktop
# (1400×1000) and phone (390×844) size, into docs/screenshots/. Usage: tools/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-docs/screenshots}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "screenshots.sh: $chromium is missing (apt-get install chromium)" >&2
    exit 2
  fi
fi
command -v python3 >/dev/null || { echo "screenshots.sh: python3 is needed to read the CLI's JSON" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Muster.Cli -c Release -v q -nologo >/dev/null
muster=(dotnet src/Muster.Cli/bin/Release/net10.0/muster.dll)

work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/screens.db"
"${muster[@]}" ingest samples --db "$db" --quiet
story=$("${muster[@]}" stories --db "$db" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
event=$("${muster[@]}" events --db "$db" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${muster[@]}" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.2
done

mkdir -p "$out"
shots=0
for page in "feed:/" "claims:/claims" "map:/map" "timeline:/timeline" "story:/stories/$story" "event:/events/$event"; do
  name="${page%%:*}"; path="${page#*:}"
  for size in "desktop:1400,1000" "phone:390,844"; do
    label="${size%%:*}"; window="${size#*:}"
    "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
      --window-size="$window" --screenshot="$out/$name-$label.png" "http://127.0.0.1:$port$path" >/dev/null 2>&1
    shots=$((shots + 1))
  done
done
echo "screenshots.sh: $shots screenshots in $out"
