#!/usr/bin/env bash
# Where the ingest's time goes: a dotnet-trace CPU sampling profile of `ingest --pages N` (default 3000) into a
# fresh database, reduced to inclusive time per method of the ingest thread. Installs dotnet-trace (a NuGet
# tool) into benchmarks/results/tools on first use. BENCHMARKS.md quotes its output.
#   ./benchmarks/profile.sh [PAGES] [SUBSTRING...]    e.g. ./benchmarks/profile.sh 3000 Muster Sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-3000}"
shift || true
tools=benchmarks/results/tools
if [ ! -x "$tools/dotnet-trace" ]; then
  dotnet tool install dotnet-trace --tool-path "$tools" --version 10.0.750501 >&2
fi
dotnet build benchmarks/Muster.Benchmarks -c Release -v quiet -nologo >&2
out=$(mktemp -d)
"$tools/dotnet-trace" collect --format speedscope -o "$out/ingest.nettrace" -- \
  dotnet benchmarks/Muster.Benchmarks/bin/Release/net10.0/Muster.Benchmarks.dll ingest --pages "$pages" --db "$out/bench.db" --checkpoints 0 >&2
python3 benchmarks/speedscope_top.py "$out/ingest.speedscope.json" "${@:-Muster}"
rm -rf "$out"
