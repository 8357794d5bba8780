#!/usr/bin/env bash
# Long mode of the invariant suite: many seeded scenarios against the independent oracle.
#   CUTOVER_INVARIANT_SEEDS=5000 bash scripts/invariants.sh            # seeds 1..5000
#   CUTOVER_INVARIANT_FIRST_SEED=10001 CUTOVER_INVARIANT_SEEDS=1000 bash scripts/invariants.sh
#   CUTOVER_INVARIANT_ALL=1 ...        # also plant the families listed as known-failing
#   CUTOVER_INVARIANT_PARALLEL=4 ...   # seeds at once (default 2)
# Failures (seed, violations, replay command, scenario) are appended to
# ${CUTOVER_INVARIANT_KEEP_DIR:-/tmp/cutover-invariants}/failures.txt as they happen; each failing
# seed keeps its DDL, configuration, export files and reports in seed-N/ beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CUTOVER_INVARIANT_SEEDS="${CUTOVER_INVARIANT_SEEDS:-1000}"
keep="${CUTOVER_INVARIANT_KEEP_DIR:-/tmp/cutover-invariants}"
mkdir -p "$keep"
rm -f "$keep/failures.txt"
dotnet build CutoverSequencer.sln -c Release -v quiet -nologo
status=0
dotnet test tests/CutoverSequencer.IntegrationTests -c Release --no-build \
  --filter "FullyQualifiedName~Invariants.InvariantTests.Seeded" \
  --logger "console;verbosity=minimal" || status=$?
if [[ -s "$keep/failures.txt" ]]; then
  echo "failing seeds:"
  grep -E '^seed [0-9]+ FAILED' "$keep/failures.txt" || true
  echo "details: $keep/failures.txt"
fi
exit "$status"
