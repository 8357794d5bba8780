#!/usr/bin/env bash
# A workflow-engine step (Airflow, Argo, Temporal, Rundeck...): run one command of the stage and hand the
# engine a decision and an outcome file, instead of a bare exit status.
#
#   workflow-step.sh COMMAND CONFIG WORKDIR        (COMMAND: plan, apply or verify)
#
# Writes WORKDIR/outcome.json (the result event: Status, ExitCode, Command, Reports) and prints
# "decision=<continue|review|fix-input|retry|escalate|defect>" on its last line. Always exits 0 when the
# stage ran, so the engine branches on the decision rather than on a failed task.
set -uo pipefail
command=$1
config=$2
workdir=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$workdir"

cutover-sequencer "$command" --config "$config" --report-dir "$workdir/$command" --force \
  --log-format json 2> "$workdir/$command.log.jsonl" > /dev/null
code=$?
python3 "$here/result-event.py" "$workdir/$command.log.jsonl" > "$workdir/outcome.json" || exit 5

case $code in
  0) decision=continue ;;   # done and verified (plan: nothing blocks)
  1) decision=review ;;     # blocked by findings or not verified: a person reads the report
  2) decision=fix-input ;;  # configuration or export files: retrying will not help
  3) decision=retry ;;      # cannot connect / not permitted, nothing written: retry after fixing access
  4) decision=escalate ;;   # part-way: the journal says what was set; apply again or roll back
  *) decision=defect ;;     # internal error
esac
echo "exit=$code"
echo "decision=$decision"
