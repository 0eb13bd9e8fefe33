#!/usr/bin/env bash
# Installs the `muster` command as a .NET global tool from this checkout: packs src/Muster.Cli into
# artifacts/tool and installs the package from there, or updates it when it is already installed.
# Arguments replace --global, e.g. `tools/install-muster.sh --tool-path ~/bin/muster-tool`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-muster.sh: the .NET SDK (dotnet) is required; see global.json for the version" >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

where=(--global)
if [ "$#" -gt 0 ]; then
  where=("$@")
fi

packages="$(pwd)/artifacts/tool"
rm -rf "$packages"
mkdir -p "$packages"
dotnet pack src/Muster.Cli -c Release -o "$packages" --nologo -v quiet

# An update to the same version is a no-op ("already installed"), so a run after a pull would keep the old
# build: the installed tool, if any, is removed first and the fresh package installed.
if dotnet tool list "${where[@]}" muster.cli 2>/dev/null | grep -qi '^muster\.cli '; then
  dotnet tool uninstall "${where[@]}" Muster.Cli >/dev/null
  echo "install-muster.sh: updating the installed muster command"
fi
dotnet tool install "${where[@]}" --add-source "$packages" Muster.Cli

if [ "${where[0]}" = "--global" ] && ! command -v muster >/dev/null 2>&1; then
  echo "install-muster.sh: installed; add \$HOME/.dotnet/tools to PATH to run 'muster'" >&2
fi
