#!/usr/bin/env bash
# A cutover script: plan, apply, verify in the window, stop at the first step that does not end in 0,
# and archive every step's reports and logs with their checksums.
#
#   cutover-window.sh CONFIG ARCHIVE_DIR
#
# The target's connection string comes from the environment the config names (e.g. CUTOVER_TARGET_CS).
# Exit status: the exit code of the step that stopped the window (0 when all three succeeded).
set -euo pipefail
config=$1
archive=$2/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$archive"

step() {
  local command=$1 code=0
  cutover-sequencer "$command" --config "$config" --report-dir "$archive/$command" \
    --log-format json 2> "$archive/$command.log.jsonl" || code=$?
  echo "$command: exit $code"
  return "$code"
}

archive_and_exit() {
  local code=$1
  (cd "$archive" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
  echo "archived in $archive"
  exit "$code"
}

for command in plan apply verify; do
  code=0
  step "$command" || code=$?
  if [ "$code" -ne 0 ]; then
    case $code in
      1) echo "$command: blocked or not verified: read $archive/$command/cutover-report.md" ;;
      2) echo "$command: invalid input (configuration, export files): nothing was touched" ;;
      3) echo "$command: cannot connect or not permitted: nothing was written" ;;
      4) echo "$command: failed part-way: $archive/$command/apply-journal.json lists what was set;" \
              "run apply again or rollback --journal it" ;;
      *) echo "$command: internal error (exit $code): report it with $archive/$command.log.jsonl" ;;
    esac
    archive_and_exit "$code"
  fi
done
archive_and_exit 0
