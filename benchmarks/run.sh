#!/usr/bin/env bash
# Runs Muster's benchmarks and ends with one line of JSON (also written to benchmarks/results/latest.json).
#   ./benchmarks/run.sh --quick   a run of a few minutes: 500-page text corpus, 10k-page ingest and latency DB,
#                                 short BenchmarkDotNet runs, 5 s per extractor
#   ./benchmarks/run.sh           the full run: 100k-page ingest (1k and 10k are its prefixes), latency on it,
#                                 full BenchmarkDotNet runs, 20 s per extractor (the ingest alone takes many minutes)
#   ./benchmarks/run.sh --ingest-pages N [--quick]   another ingest/latency size
#   ./benchmarks/run.sh stages [BenchmarkDotNet options]   only the per-stage micro-benchmarks
# Needs .NET 10 and node (for Readability.js, installed here with `npm ci` from the committed lockfile), and
# the article-extraction benchmark's pages in ../shared/peers/article-extraction-benchmark (read in place;
# MUSTER_EXTRACTION_BENCHMARK overrides). Progress goes to stderr; each part's log to benchmarks/results/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/Muster.Benchmarks -c Release -v quiet -nologo >&2
if [ -f benchmarks/peers/package-lock.json ] && command -v npm >/dev/null; then
  # npm ci reinstalls from scratch; skip it when node_modules already matches the lockfile.
  if ! cmp -s benchmarks/peers/package-lock.json benchmarks/peers/node_modules/.muster-lock.json 2>/dev/null; then
    (cd benchmarks/peers && npm ci --no-audit --no-fund --loglevel=error >&2 && cp package-lock.json node_modules/.muster-lock.json)
  fi
fi
dll=benchmarks/Muster.Benchmarks/bin/Release/net10.0/Muster.Benchmarks.dll
if [ "${1:-}" = "stages" ]; then
  exec dotnet "$dll" stages "${@:2}"
fi
exec dotnet "$dll" all "$@"
