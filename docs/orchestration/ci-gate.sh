#!/usr/bin/env bash
# A CI job: plan against a rehearsal target and fail the job unless nothing blocks. The reports go to
# ARTIFACTS (upload that folder as the job's artifacts); the summary is printed from cutover-report.json.
#
#   ci-gate.sh CONFIG ARTIFACTS
#
# Exit status: the plan's exit code (0 planned, 1 blocked, 2 invalid input, 3 cannot connect, 5 defect).
set -uo pipefail
config=$1
artifacts=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$artifacts"

cutover-sequencer plan --config "$config" --report-dir "$artifacts/plan" --force \
  --log-format json 2> "$artifacts/plan.log.jsonl" > "$artifacts/plan.txt"
code=$?

status=$(python3 "$here/result-event.py" "$artifacts/plan.log.jsonl" Status) || exit 5
report=$(python3 "$here/result-event.py" "$artifacts/plan.log.jsonl" Reports.json)
echo "plan: $status (exit $code)"
if [ -n "$report" ]; then
  # The summary object: counts by action and by severity (jq users: jq '.summary' "$report").
  python3 - "$report" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]
actions, severities = summary["actions"], summary["severities"]
print(f"sequences: {summary['sequences']} ({actions['advance']} to advance, {actions['unchanged']} unchanged, "
      f"{actions['blocked']} blocked)")
print(f"findings: {summary['findings']} ({severities['blocking']} blocking, {severities['warning']} warning, "
      f"{severities['info']} info)")
PY
fi
exit "$code"
