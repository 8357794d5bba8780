#!/usr/bin/env python3
"""Reads a cutover-sequencer JSON log (stderr of a run with --log-format json) and prints the result event.

usage: result-event.py LOG [FIELD]
  Every line of the log is one JSON object; the last one is the result event (Properties.Event == "result").
  Without FIELD: prints the event's properties as one JSON object (Status, ExitCode, Command, Reports).
  With FIELD: prints one of them (Status, ExitCode, Command) or one report path (Reports.json, Reports.directory...).
"""
import json
import sys

lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
events = [json.loads(line) for line in lines]  # every line is JSON: fails loudly otherwise
result = events[-1].get("Properties", {}) if events else {}
if result.get("Event") != "result":
    sys.exit("result-event.py: the last log line is not the result event")
if len(sys.argv) < 3:
    print(json.dumps(result))
else:
    value = result
    for part in sys.argv[2].split("."):
        value = value.get(part) if isinstance(value, dict) else None
    print("" if value is None else value)
