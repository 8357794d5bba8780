#!/usr/bin/env bash
# The whole stage on a throwaway local PostgreSQL with the bundled sample (seed chapter 7.7).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run --project src/CutoverSequencer.Cli -c Release -- demo "$@"
