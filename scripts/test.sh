#!/usr/bin/env bash
# Every test: unit tests and the integration suite on real PostgreSQL clusters the tests start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet test CutoverSequencer.sln -c Release "$@"
