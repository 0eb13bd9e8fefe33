#!/usr/bin/env bash
# Runs Muster's whole test suite on a fresh machine: installs what the tests need, builds, tests, and ends
# with the plain line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is required; see global.json for the version" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# install_missing PACKAGE WHAT: installs a Debian package the tests need, when root with apt-get; else says which
# tests will skip locally (under CI=true those tests fail instead).
apt_updated=0
install_missing() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing $1 from Debian's packages"
    [ "$apt_updated" = 1 ] || apt-get update -qq
    apt_updated=1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "test.sh: $1 is missing and cannot be installed here (need root and apt-get); $2 tests will skip locally" >&2
  fi
}

# The browser tests drive Debian's Chromium (no browser download is possible here).
[ -x /usr/bin/chromium ] || install_missing chromium browser
# The PostgreSQL backend's tests start a throwaway cluster with Debian's PostgreSQL 15 (initdb, pg_ctl; MUSTER_PG_BIN
# names another folder of them).
[ -x /usr/lib/postgresql/15/bin/initdb ] || [ -n "${MUSTER_PG_BIN:-}" ] || install_missing postgresql PostgreSQL

dotnet restore Muster.slnx
dotnet build Muster.slnx --no-restore -c Release
# The fuzzing harnesses are no part of the test run, but they must keep building against the library.
dotnet build tools/fuzz/Muster.Fuzz -c Release -v quiet -nologo

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Muster.slnx --no-build -c Release --logger "trx;LogFileName=muster.trx" --results-directory "$results" || status=$?

# Sum the counters of every TRX file: CI reads only the plain closing line.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${e:-0}))
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: no test results were found" >&2
  status=1
  failed=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the test run itself failed (a crash, a build error)
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
