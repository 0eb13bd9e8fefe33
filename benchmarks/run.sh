#!/usr/bin/env bash
# Runs Muster's benchmarks and ends with one line of JSON.
#   ./benchmarks/run.sh --quick   whole-pipeline figures on small generated corpora (a minute or two)
#   ./benchmarks/run.sh           1k, 10k and 100k pages (long)
#   ./benchmarks/run.sh stages    BenchmarkDotNet micro-benchmarks of each stage
# Work in progress (issue 7): the HTML peers and API latency fields print null until those runs exist.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/Muster.Benchmarks -c Release -v quiet -nologo >/dev/null
if [ "${1:-}" = "stages" ]; then
  exec dotnet benchmarks/Muster.Benchmarks/bin/Release/net10.0/Muster.Benchmarks.dll stages "${@:2}"
fi
exec dotnet benchmarks/Muster.Benchmarks/bin/Release/net10.0/Muster.Benchmarks.dll pipeline "$@"
