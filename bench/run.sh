#!/usr/bin/env bash
# Runs the benchmark in one command: publishes the CLI as a user would run it (self-contained,
# precompiled), then measures
# (a) cutover-sequencer apply, (b) a per-table client loop, (c) a server-side DO block, on one
# throwaway cluster, directly and through a 1 ms relay. Extra arguments go to the benchmark
# (--quick for a short run; --tables N, --big-tables N, --big-rows N, --sequences N, --parallel-gather N).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out=$(mktemp -d)
dotnet publish src/CutoverSequencer.Cli -c Release -r linux-x64 -o "$out/cli" --nologo -v q
dotnet run -c Release --project bench/CutoverSequencer.Bench -- --cli "$out/cli/cutover-sequencer" "$@"
rm -rf "$out"
